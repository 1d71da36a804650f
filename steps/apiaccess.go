package steps

import (
	"context"
	"errors"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps/text"
)

// What a run learns about an instance's REST API access (spec §1.3, §1.4)
// is a fact about the instance, not about one process: the client keeps
// "HTTP Basic answered 401" only in memory, so a wizard restarted between
// the install and the end of the smoke checks would try again, fail, and
// judge a healthy update "problems on live". The fact is therefore kept in
// the run state (journal) per instance, and the smoke checks judge the REST
// calls by it the same way with or without a restart (W6, W8).

// apiAccess is the REST API access of one instance as the run found it.
type apiAccess string

const (
	apiUnknown       apiAccess = ""
	apiUsable        apiAccess = "usable"              // an authenticated call succeeded
	apiNoCredentials apiAccess = text.APINoCredentials // no API client, HTTP Basic off (ErrNoAPIAuth)
	apiRejected      apiAccess = text.APIRejected      // client or user rejected (ErrAPICredentials)
	apiClosed        apiAccess = text.APIClosed        // no REST API on this edition (ErrAPINotAvailable)
)

// ruledOut: authenticated REST calls were found impossible on this
// instance; trying them again cannot tell anything about the update.
func (a apiAccess) ruledOut() bool {
	return a == apiNoCredentials || a == apiRejected || a == apiClosed
}

// accessOf classifies the outcome of an authenticated REST call; ok is
// false when err says nothing about access (network, 5xx, a missing record).
func accessOf(err error) (a apiAccess, ok bool) {
	switch {
	case err == nil:
		return apiUsable, true
	case errors.Is(err, crmclient.ErrNoAPIAuth):
		return apiNoCredentials, true
	case errors.Is(err, crmclient.ErrAPICredentials):
		return apiRejected, true
	case errors.Is(err, crmclient.ErrAPINotAvailable):
		return apiClosed, true
	}
	return apiUnknown, false
}

// noteAPIAccessLocked records what the REST call's outcome err says about
// stage's access; saved with the next state write.
func (w *Wizard) noteAPIAccessLocked(stage Stage, err error) {
	if a, ok := accessOf(err); ok {
		w.st.stage(stage).APIAccess = a
	}
}

// noteNoCredentialsLocked records a client that cannot authenticate REST
// calls at all (no API client, HTTP Basic already rejected) unless a
// stronger fact is known.
func (w *Wizard) noteNoCredentialsLocked(stage Stage) {
	if ss := w.st.stage(stage); !ss.APIAccess.ruledOut() {
		ss.APIAccess = apiNoCredentials
	}
}

// preflightAPI tries one authenticated REST call (/me) and keeps what it
// says about the API access as a fact of the run (W6, W8): without usable
// credentials the REST smoke checks are skipped, in this process and after
// any restart alike, and the preflight says the API is not usable.
func (w *Wizard) preflightAPI(ctx context.Context, c CRM, p *Preflight) {
	if !p.HasAPI {
		switch {
		case p.NoAPI != "":
		case !p.Edition.HasRESTAPI():
			p.NoAPI = string(apiClosed)
		default:
			p.NoAPI = string(apiNoCredentials)
			w.mu.Lock()
			w.noteNoCredentialsLocked(StageLive)
			w.mu.Unlock()
		}
		return
	}
	me, err := c.Me(ctx)
	w.mu.Lock()
	defer w.mu.Unlock()
	w.noteAPIAccessLocked(StageLive, err)
	if err == nil {
		w.st.Live.MeID = me.ID // compared after the update (spec §9 #3)
	}
	if a := w.st.Live.APIAccess; a.ruledOut() {
		p.HasAPI, p.NoAPI = false, string(a)
	}
}

// skipWhyLocked is why the smoke checks of stage skip the REST calls
// (text.API* codes): what the instance's access is known to be, else
// what the preflight said, else a client without credentials.
func (w *Wizard) skipWhyLocked(stage Stage, hasCredentials bool) string {
	if a := w.st.stage(stage).APIAccess; a.ruledOut() {
		return string(a)
	}
	if !hasCredentials {
		return string(apiNoCredentials)
	}
	if p := w.st.Preflight; p != nil {
		return p.NoAPI
	}
	return ""
}
