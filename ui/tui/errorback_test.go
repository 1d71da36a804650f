package tui

import (
	"errors"
	"strings"
	"testing"

	"github.com/visual4/1crm-update/steps"
)

// Step 1 has no earlier screen: the error page of a refused connection
// offers r to connect again, and neither lists nor footers Esc "back".
func TestConnectErrorOffersNoBack(t *testing.T) {
	f := sampleEngine()
	f.err = &steps.ActionError{Step: steps.StepConnect, Stage: steps.StageLive, Err: errors.New("dial tcp 127.0.0.1:1: connect: connection refused")}
	m := newTestModel(f, "de")
	show(t, m, f, steps.StepConnect, 1)
	v := m.View()
	if m.fail == nil || !strings.Contains(v, "r — ") || strings.Contains(v, "Esc") || strings.Contains(v, "esc zurück") {
		t.Fatalf("error screen of step 1:\n%s", v)
	}
}
