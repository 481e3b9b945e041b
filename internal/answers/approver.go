package answers

import "strings"

// Named reports whether a person is named (name, e-mail or phone).
func (u UrgentAccessApprover) Named() bool {
	return strings.TrimSpace(u.Name) != "" || strings.TrimSpace(u.Email) != "" || strings.TrimSpace(u.Phone) != ""
}

// Authorised reports whether someone holds the authority: the breach
// contact or a named person.
func (u UrgentAccessApprover) Authorised() bool {
	return Yes(u.BreachContact) || u.Named()
}

// Answered reports whether the field is answered at all (breach_contact
// given, true or false, or a person named).
func (u UrgentAccessApprover) Answered() bool {
	return u.BreachContact != nil || u.Named()
}
