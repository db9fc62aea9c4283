// libFuzzer target: Panel's CSV reader and the three panel files read with it (`judges`, `conflicts`, `scores`
// import), as `psea` reads them: bytes to UTF-8 text, then each typed reader.
import Foundation
import FuzzSupport
import Panel

/// One input, read as each of the three files.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let text = try? CSV.decode(Array(UnsafeBufferPointer(start: start, count: count))) else { return 0 }
    _ = try? CSV.records(text)
    _ = PanelFiles.judges(text).issues.map(\.message)
    _ = PanelFiles.conflicts(text).issues.map(\.message)
    _ = PanelFiles.scores(text).issues.map(\.message)
    return 0
}

/// The executable's entry point: libFuzzer's driver on `fuzzCSV`.
@main
enum FuzzMain {
    static func main() { runLibFuzzer(fuzzCSV) }
}
