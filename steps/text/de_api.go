package text

func (de) APITitle() string { return "REST-API" }
func (de) APIAvailable() string {
	return "Die REST-API nimmt die Zugangsdaten an: Nach der Installation prüft der Assistent auch die API-Anmeldung (/me), einen Datensatz und die PDF-Ausgabe."
}
func (de) APIMissing(why string) string {
	var reason string
	switch why {
	case APIClosed:
		reason = "Diese Edition hat keine REST-API (oder sie ist abgeschaltet)."
	case APINoCredentials:
		reason = "Keine API-Zugangsdaten: Es ist kein API-Client angegeben (--client-id mit ONECRM_CLIENT_SECRET), und HTTP Basic ist in 1CRM ausgeschaltet."
	case APIRejected:
		reason = "1CRM lehnt die API-Zugangsdaten ab."
	default:
		reason = "Die REST-API ist nicht nutzbar."
	}
	return reason + " Die Prüfungen über die REST-API (API-Anmeldung, Datensatz, PDF-Ausgabe) entfallen deshalb nach der Installation – diese Punkte testen Sie von Hand. Die Admin-Anmeldung und die Paketliste prüft der Assistent trotzdem."
}
func (de) CheckSkippedNoAPI(why string) string {
	var reason string
	switch why {
	case APIClosed:
		reason = "diese Edition hat keine REST-API"
	case APINoCredentials:
		reason = "keine API-Zugangsdaten"
	case APIRejected:
		reason = "1CRM lehnt die API-Zugangsdaten ab"
	default:
		reason = "REST-API nicht nutzbar"
	}
	return "REST-Prüfungen (API-Anmeldung, Datensatz, PDF-Ausgabe) übersprungen: " + reason + " – bitte von Hand testen."
}
