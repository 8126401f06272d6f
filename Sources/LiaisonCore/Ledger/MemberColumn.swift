/// The columns of `members.csv`, in the order of interface.md's table.
enum MemberColumn: Int, RosterColumn {
    case id, name, kind, email, phone, since, place, fixedPlace, relation, registered, liaison, grid,
         reportEvery, certificate, certificateCheck, duesPaidThrough, lastContact, lastReport, paused, note,
         destination, expectedLength, joined, origin, address, probationEnd, duesAt

    static let required: [MemberColumn] = [.id, .name, .kind]

    var english: String {
        switch self {
        case .id: return "id"
        case .name: return "name"
        case .kind: return "kind"
        case .email: return "email"
        case .phone: return "phone"
        case .since: return "since"
        case .place: return "place"
        case .fixedPlace: return "fixed_place"
        case .relation: return "relation"
        case .registered: return "registered"
        case .liaison: return "liaison"
        case .grid: return "grid"
        case .reportEvery: return "report_every"
        case .certificate: return "certificate"
        case .certificateCheck: return "certificate_check"
        case .duesPaidThrough: return "dues_paid_through"
        case .lastContact: return "last_contact"
        case .lastReport: return "last_report"
        case .paused: return "paused"
        case .note: return "note"
        case .destination: return "destination"
        case .expectedLength: return "expected_length"
        case .joined: return "joined"
        case .origin: return "origin"
        case .address: return "address"
        case .probationEnd: return "probation_end"
        case .duesAt: return "dues_at"
        }
    }

    var chinese: String {
        switch self {
        case .id: return "编号"
        case .name: return "姓名"
        case .kind: return "类别"
        case .email: return "邮箱"
        case .phone: return "电话"
        case .since: return "流动时间"
        case .place: return "流向"
        case .fixedPlace: return "固定地点"
        case .relation: return "组织关系"
        case .registered: return "已编入"
        case .liaison: return "联系人"
        case .grid: return "网格"
        case .reportEvery: return "汇报周期"
        case .certificate: return "活动证"
        case .certificateCheck: return "检查周期"
        case .duesPaidThrough: return "党费缴至"
        case .lastContact: return "最近联系"
        case .lastReport: return "最近汇报"
        case .paused: return "暂停"
        case .note: return "备注"
        case .destination: return "外出地点"
        case .expectedLength: return "预计外出时长"
        case .joined: return "入党时间"
        case .origin: return "原党组织"
        case .address: return "住址"
        case .probationEnd: return "预备期满"
        case .duesAt: return "党费交纳地"
        }
    }
}
