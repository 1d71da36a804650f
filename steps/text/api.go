package text

// apiTexts word what the run knows about the REST API access (W6): the
// preflight says it before anything is changed, the smoke checks say the
// same when they skip the REST checks, so an admin reads the same promise
// twice and the report never shows a REST check that did not run.
// why is one of the API* codes.
type apiTexts interface {
	APITitle() string
	// APIAvailable: an authenticated call worked; the REST checks run.
	APIAvailable() string
	// APIMissing: the REST checks will be skipped, and why.
	APIMissing(why string) string
	// CheckSkippedNoAPI is the smoke check line that says the REST checks
	// were skipped, why, and that they are tested by hand.
	CheckSkippedNoAPI(why string) string
}

// Why the REST checks are skipped (steps' apiAccess values).
const (
	APIClosed        = "closed"         // no REST API on this edition (or switched off)
	APINoCredentials = "no_credentials" // no API client, HTTP Basic off
	APIRejected      = "rejected"       // 1CRM refused the credentials
)
