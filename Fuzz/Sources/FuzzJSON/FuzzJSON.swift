// libFuzzer target: the JSON application reader, through the front door `psea validate` and `ingest` use, then
// its fast and locating paths on their own (`fuzzApplication`).
import FuzzSupport

/// One input, as an JSON application.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt { fuzzApplication(start, count, format: .json) }

/// The executable's entry point: libFuzzer's driver on `fuzzJSON`.
@main enum FuzzMain { static func main() { runLibFuzzer(fuzzJSON) } }
