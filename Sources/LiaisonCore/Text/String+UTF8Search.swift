import Foundation

extension String {
    /// Whether `needle`'s bytes occur in this string's UTF-8, as they are: no case folding, no
    /// Unicode equivalence. For searching lower-cased text for fixed lower-cased words, where
    /// Foundation's `contains` (a locale-aware search through `NSString`) was about 40 % of
    /// classifying an incoming message.
    public func containsUTF8(_ needle: String) -> Bool {
        var haystack = self, needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard !n.isEmpty else { return true }
                guard n.count <= h.count, let hb = h.baseAddress, let nb = n.baseAddress else { return false }
                for i in 0...(h.count - n.count) where h[i] == n[0] {
                    if memcmp(hb + i, nb, n.count) == 0 { return true }
                }
                return false
            }
        }
    }
}
