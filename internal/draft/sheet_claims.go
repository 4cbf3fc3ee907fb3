package draft

// ImpersonationRisk reports whether the record gives residents a reason to
// distrust messages that seem to come from the town: the mail was
// compromised, accounts were used by the attacker, fraudulent mail left
// from the town's addresses, or an e-mail address was recorded as an
// indicator. Only then may an update warn them against answering such
// messages; otherwise the warning would announce a risk nobody recorded.
func (s *Sheet) ImpersonationRisk() bool {
	for _, f := range []string{"mail_compromised", "accounts_compromised", "phishing_sent"} {
		if s.Yes(f) {
			return true
		}
	}
	for _, i := range s.Indicators {
		if i.Kind == "email" {
			return true
		}
	}
	return false
}
