extension Mailbox {
    /// A quick, allocation-free "certainly valid" test for the usual address (ASCII letters,
    /// digits and `._%+-`, one `@`, a dotted domain), the first step of `isValidAddress`. It
    /// only ever says yes to addresses the rest of that check also accepts; everything else goes
    /// to the rest, which stays the authority. A million-row roster would otherwise spend
    /// seconds there.
    static func isPlainAddress(_ s: String) -> Bool {
        let u = s.utf8
        guard u.count <= 254 else { return false }
        var sawAt = false
        var localLength = 0
        var labelLength = 0
        var labels = 0
        for b in u {
            switch b {
            case 0x61...0x7A, 0x41...0x5A, 0x30...0x39, 0x2D:  // a-z A-Z 0-9 -
                if sawAt { labelLength += 1 } else { localLength += 1 }
            case 0x2E:  // .
                if sawAt {
                    guard labelLength > 0 else { return false }
                    labels += 1
                    labelLength = 0
                } else {
                    localLength += 1
                }
            case 0x5F, 0x25, 0x2B:  // _ % +
                guard !sawAt else { return false }
                localLength += 1
            case 0x40:  // @
                guard !sawAt, localLength > 0 else { return false }
                sawAt = true
            default:
                return false
            }
        }
        return sawAt && labelLength > 0 && labels >= 1
    }
}
