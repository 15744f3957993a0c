/// An employer (erkend leerbedrijf) with one or more internships. Contact details are of the
/// employer's staff (the praktijkopleider), never of students.
public struct Employer: Sendable, Hashable, Codable {
    public var id: PseudonymousID
    public var name: String
    public var leerbedrijfID: String?
    public var town: String?
    public var contact: String?
    public var phone: String?
    public var email: String?

    public init(id: PseudonymousID, name: String, leerbedrijfID: String? = nil, town: String? = nil,
                contact: String? = nil, phone: String? = nil, email: String? = nil) {
        self.id = id
        self.name = name
        self.leerbedrijfID = leerbedrijfID
        self.town = town
        self.contact = contact
        self.phone = phone
        self.email = email
    }
}
