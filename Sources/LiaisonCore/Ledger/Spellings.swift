import Foundation

/// The spellings of one enumerated roster value (`流出`, `outgoing`, …) and what each means.
///
/// A cell is compared by bytes first: nearly every cell is spelled as listed, and comparing
/// Chinese strings with `==` (canonical equivalence, a normalising walk) was a tenth of
/// reading a roster. Only when no spelling has the same bytes and the cell is not ASCII is
/// it compared with `==`, so a spelling canonically equivalent to a listed one (a CJK
/// compatibility ideograph, a decomposed accent) still matches, as it did before.
struct Spellings<Value: Sendable>: Sendable {
    private let entries: [(text: String, bytes: [UInt8], value: Value)]

    init(_ pairs: KeyValuePairs<String, Value>) {
        entries = pairs.map { ($0.key, Array($0.key.utf8), $0.value) }
    }

    func value(_ key: String) -> Value? {
        var key = key
        let byBytes: Value? = key.withUTF8 { k in
            for e in entries where e.bytes.count == k.count {
                if k.isEmpty || e.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, k.baseAddress!, k.count) }) == 0 {
                    return e.value
                }
            }
            return nil
        }
        if let byBytes { return byBytes }
        if key.utf8.allSatisfy({ $0 < 0x80 }) { return nil }
        for e in entries where e.text == key { return e.value }
        return nil
    }
}
