// libFuzzer entry: the config file (INI reader, then ConfigParser with every value parser).
// A config that parses must print (`check`) as text that parses again to the same config.
import LiaisonCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    let (document, syntax) = INIParser.parse(text, file: "f.conf")
    for s in document.sections { precondition(s.line >= 1); for e in s.entries { precondition(e.line >= s.line) } }
    for d in syntax { _ = d.description }
    let (config, diagnostics) = ConfigParser.parse(text, file: "f.conf")
    for d in diagnostics { _ = d.description }
    if let config {
        let printed = config.description
        let (again, problems) = ConfigParser.parse(printed, file: "printed.conf")
        precondition(again == config, "printed config does not parse back:\n\(printed)\n\(problems)")
    }
    return 0
}
