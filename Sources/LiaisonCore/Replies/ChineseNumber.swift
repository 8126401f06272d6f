/// Chinese numerals for days and months: 一 … 十二 … 二十 … 三十一, 两, 〇/零.
enum ChineseNumber {
    static let digits: [Character: Int] = ["〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                                           "六": 6, "七": 7, "八": 8, "九": 9]

    static func isNumeral(_ c: Character) -> Bool { digits[c] != nil || c == "十" || c == "廿" }

    static func read(_ s: [Character], at i: Int) -> (Int, Int)? {
        var j = i
        var tens = 0, units = 0
        if j < s.count, let d = digits[s[j]], d > 0, j + 1 < s.count, s[j + 1] == "十" {
            tens = d
            j += 2
        } else if j < s.count, s[j] == "十" {
            tens = 1
            j += 1
        } else if j < s.count, s[j] == "廿" {
            tens = 2
            j += 1
        }
        if j < s.count, let d = digits[s[j]], d > 0 {
            units = d
            j += 1
        }
        guard j > i, tens * 10 + units > 0 else { return nil }
        return (tens * 10 + units, j)
    }
}
