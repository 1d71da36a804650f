package text

func (en) APITitle() string { return "REST API" }
func (en) APIAvailable() string {
	return "The REST API accepts the credentials: after the install the wizard also checks the API login (/me), one record and the PDF output."
}
func (en) APIMissing(why string) string {
	var reason string
	switch why {
	case APIClosed:
		reason = "This edition has no REST API (or it is switched off)."
	case APINoCredentials:
		reason = "No API credentials: no API client is given (--client-id with ONECRM_CLIENT_SECRET), and HTTP Basic is switched off in 1CRM."
	case APIRejected:
		reason = "1CRM rejects the API credentials."
	default:
		reason = "The REST API cannot be used."
	}
	return reason + " So the checks through the REST API (API login, record, PDF output) are skipped after the install – please test these by hand. The admin login and the package list are still checked."
}
func (en) CheckSkippedNoAPI(why string) string {
	var reason string
	switch why {
	case APIClosed:
		reason = "this edition has no REST API"
	case APINoCredentials:
		reason = "no API credentials"
	case APIRejected:
		reason = "1CRM rejects the API credentials"
	default:
		reason = "REST API not usable"
	}
	return "REST checks (API login, record, PDF output) skipped: " + reason + " – please test them by hand."
}
