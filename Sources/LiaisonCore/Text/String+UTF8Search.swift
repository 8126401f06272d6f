extension String {
    /// Whether `needle`'s bytes occur in this string's UTF-8, as they are: no case folding, no
    /// Unicode equivalence. For searching lower-cased text for fixed lower-cased words, where
    /// Foundation's `contains` (a locale-aware search through `NSString`) cost a third of
    /// sorting an incoming message.
    func containsUTF8(_ needle: String) -> Bool {
        var haystack = self, needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard !n.isEmpty else { return true }
                guard n.count <= h.count else { return false }
                let first = n[0]
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    if h[i] == first && memcmpEqual(h, i, n) { return true }
                    i += 1
                }
                return false
            }
        }
    }
}

private func memcmpEqual(_ h: UnsafeBufferPointer<UInt8>, _ at: Int, _ n: UnsafeBufferPointer<UInt8>) -> Bool {
    var j = 1
    while j < n.count {
        if h[at + j] != n[j] { return false }
        j += 1
    }
    return true
}
