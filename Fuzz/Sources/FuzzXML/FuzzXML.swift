// libFuzzer target: the XML application reader, through the front door `psea validate` and `ingest` use, then
// its fast and locating paths on their own (`fuzzApplication`).
import FuzzSupport

/// One input, as an XML application.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt { fuzzApplication(start, count, format: .xml) }

/// The executable's entry point: libFuzzer's driver on `fuzzXML`.
@main enum FuzzMain { static func main() { runLibFuzzer(fuzzXML) } }
