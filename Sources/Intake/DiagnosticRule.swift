import Model

/// The kinds of finding the intake reports are the registry's Intake entries (`ProblemCode.emptyFile` …
/// `ProblemCode.evidenceUnused`, module `.intake`); this is their name in the intake's code.
package typealias DiagnosticRule = ProblemCode
