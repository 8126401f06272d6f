/// The columns of `people.csv` (liaisons and grid leaders).
enum PersonColumn: Int, RosterColumn {
    case id, name, email, role, grid

    static let required: [PersonColumn] = [.id, .name]

    var english: String {
        switch self {
        case .id: return "id"
        case .name: return "name"
        case .email: return "email"
        case .role: return "role"
        case .grid: return "grid"
        }
    }

    var chinese: String {
        switch self {
        case .id: return "编号"
        case .name: return "姓名"
        case .email: return "邮箱"
        case .role: return "角色"
        case .grid: return "网格"
        }
    }
}
