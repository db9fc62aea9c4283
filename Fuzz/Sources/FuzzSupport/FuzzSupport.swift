// What the fuzz targets share: libFuzzer's driver as their entry point, and the run of one input through an
// application reader (the XML and JSON targets differ only in the reader).
import Foundation
import FuzzDriver
import Model
import Rubric

@testable import Intake

/// Runs libFuzzer with the command line's options (corpus folders, `-max_total_time`, …) on `callback`, and exits
/// with its status.
package func runLibFuzzer(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
}

/// The built-in rubrics, so that the business rules run with the narrative limits and criteria of each year, as in
/// `psea validate`. `RubricRules.swift` here is a link to Round's own file: the fuzz targets use psea's
/// `RubricRuleContext` without building Round's database dependencies.
let rules = try! RubricRuleContext(catalog: RubricCatalog.builtIn())

/// One input as an application of `format`: the intake (`ApplicationIntake.check`: fast path for a clean file,
/// locating path when anything is reported, then the business rules, located); then, for a file the reader accepted,
/// both paths of the reader on their own, which must agree on a file the fast path accepts, and the source map the
/// fast path builds only when asked. Returns 0, as libFuzzer expects.
package func fuzzApplication(_ start: UnsafePointer<UInt8>?, _ count: Int, format: SourceFormat) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    let result = ApplicationIntake.check(data: data, file: "fuzz.\(format.rawValue)", rules: rules)
    _ = result.diagnostics.map(\.message)
    // A refused file has been through the locating path already; most fuzzed inputs are refused, so the second
    // look is kept for the accepted ones (a 3× faster run).
    guard result.application != nil else { return 0 }
    let (clean, full): (ReadResult?, () -> ReadResult) =
        switch format {
        case .xml: (XMLApplicationReader.readClean(data), { XMLApplicationReader.readFully(data) })
        case .json: (JSONApplicationReader.readClean(data), { JSONApplicationReader.readFully(data) })
        }
    if let clean {
        precondition(full().application == clean.application, "the fast path accepted what the locating path reads otherwise")
        _ = clean.sourceMap
    }
    return 0
}
