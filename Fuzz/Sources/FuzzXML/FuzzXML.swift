// libFuzzer target: the XML application reader, through the front door `psea validate` and `ingest` use.
import Foundation
import FuzzDriver
import Rubric

@testable import Intake

/// The built-in rubrics, so that the business rules run with the narrative limits and criteria of each year, as in
/// `psea validate`. `RubricRules.swift` here is a link to Round's own file: the target uses psea's `RubricRuleContext`
/// without building Round's database dependencies.
let rules = try! RubricRuleContext(catalog: RubricCatalog.builtIn())

/// One input: the intake (fast path for a clean file, locating path when anything is reported, then the business
/// rules, located), then both paths on their own, which must agree on a file the fast path accepts.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    let result = ApplicationIntake.check(data: data, file: "fuzz.xml", rules: rules)
    _ = result.diagnostics.map { $0.message }
    guard data.withUnsafeBytes({ XMLLimits.check($0.bindMemory(to: UInt8.self)) }) == nil else { return 0 }
    if let clean = XMLApplicationReader.readClean(data) {
        let full = XMLApplicationReader.readFully(data)
        precondition(full.application == clean.application, "the fast path accepted what the locating path reads otherwise")
        _ = clean.sourceMap
    } else {
        _ = XMLApplicationReader.readFully(data)
    }
    return 0
}

/// The executable's entry point: libFuzzer's driver, with the command line's options, on `fuzzXML`.
@main
enum FuzzMain {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzXML(data!, size) })
    }
}
