// libFuzzer target: the rubric loader (YAML through Yams, decoding with its line marks, the checker), as `psea`
// loads a rubric, the band descriptors and a round file.
import Foundation
import FuzzSupport
import Rubric

/// One input, read as a rubric, as band descriptors and as a round file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRubric(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, let yaml = String(data: Data(bytes: start, count: count), encoding: .utf8) else { return 0 }
    _ = try? RubricLoader.check(yaml: yaml, file: "fuzz.yaml")
    _ = try? RubricLoader.load(yaml: yaml, file: "fuzz.yaml")
    _ = try? RubricLoader.loadBands(yaml: yaml, file: "bands.yaml")
    _ = try? RoundFileLoader.load(yaml: yaml, file: "round.yaml")
    return 0
}

/// The executable's entry point: libFuzzer's driver on `fuzzRubric`.
@main
enum FuzzMain {
    static func main() { runLibFuzzer(fuzzRubric) }
}
