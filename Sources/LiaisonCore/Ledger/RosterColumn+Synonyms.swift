extension MemberColumn {
    /// The headers branches' own ledgers use besides ours (wording review, December 2026).
    var synonyms: [String] {
        switch self {
        case .email: return ["电子邮箱", "电子邮件", "邮件地址"]
        case .phone: return ["手机号码", "联系电话", "手机", "手机号", "电话号码"]
        case .since: return ["外出时间", "外出日期", "流入时间", "流出时间", "流入日期", "流出日期", "外出（流入）日期", "外出(流入)日期"]
        case .duesPaidThrough: return ["党费交至", "党费交到", "党费缴到"]
        case .liaison: return ["联系人编号"]
        case .grid: return ["所在网格"]
        case .certificate: return ["流动党员活动证", "活动证编号"]
        case .note: return ["备注说明"]
        default: return []
        }
    }
}

extension PersonColumn {
    var synonyms: [String] {
        switch self {
        case .email: return ["电子邮箱", "电子邮件", "邮件地址"]
        case .grid: return ["所在网格"]
        default: return []
        }
    }
}
