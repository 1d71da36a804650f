package steps

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/sim"
	"github.com/visual4/1crm-update/steps/text"
)

// Issue 10, W8: the address a hand-over tells the admin to open is where
// the instance answers now. A run resumed through a new SSH tunnel (or the
// demo's new simulator) reaches the same instance at another loopback
// port; the journal keeps the port the run began at, which no longer
// answers. The W8 guard stays: another host is still refused.
func TestHandover_W8_addressIsTheCurrentOne(t *testing.T) {
	clk := &testClock{t: tuesday9()}
	live := startSim(t, variantScenario(t, "demo", pageVariant{sim.Dialect8x, sim.FlowXHR}), clk.Now)
	target, err := url.Parse(live.URL)
	must(t, err)
	tunnel := func() *httptest.Server { return httptest.NewServer(httputil.NewSingleHostReverseProxy(target)) }
	xhrClient := func(base string) *crmclient.Client {
		c, err := crmclient.New(crmclient.Config{BaseURL: base, User: sim.DemoUser, Password: sim.DemoPassword,
			ClientID: sim.DemoClientID, ClientSecret: sim.DemoClientSecret, Now: clk.Now,
			InstallPollInterval: time.Second, InstallMaxWait: time.Hour})
		must(t, err)
		return c
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	first := tunnel()
	dir := t.TempDir()
	atFirst := func(c *Config) { c.LiveURL = first.URL }
	w := openWizard(t, dir, clk.Now, atFirst)
	must(t, w.StartNew())
	w.Attach(xhrClient(first.URL), nil)
	if err := drive(ctx, w, plan{path: PathB}); !errors.Is(err, ErrHandedOver) {
		t.Fatalf("want the finish-upgrade hand-over, got %v", err)
	}
	if h := w.Snapshot().Handover; h == nil || h.URL != first.URL+"/upgrade.php" {
		t.Fatalf("first run's hand-over %+v", h)
	}
	w.Close()
	first.Close() // the tunnel dropped

	second := tunnel()
	defer second.Close()
	w2 := openWizard(t, dir, clk.Now, func(c *Config) { c.LiveURL = second.URL })
	must(t, w2.Resume())
	w2.Attach(xhrClient(second.URL), nil)
	must(t, w2.Connect(ctx))
	h := w2.Snapshot().Handover
	if h == nil || h.Kind != text.KindFinishUpgrade {
		t.Fatalf("hand-over not resumed: %+v", h)
	}
	if h.URL != second.URL+"/upgrade.php" {
		t.Fatalf("the hand-over names %q, the instance answers at %s", h.URL, second.URL)
	}
	if strings.Contains(strings.Join(h.Steps, " "), first.URL) {
		t.Fatalf("the steps still name the dropped address: %q", h.Steps)
	}
	if res, err := http.Get(h.URL); err != nil {
		t.Fatalf("the named address does not answer: %v", err)
	} else {
		res.Body.Close()
	}
	// The run still records where it began (report, mails).
	if got := w2.Snapshot().Live.URL; got != first.URL {
		t.Errorf("recorded live address %q, the run began at %s", got, first.URL)
	}
	w2.Close()

	// The guard stays: another host is not the run's instance.
	w3 := openWizard(t, dir, clk.Now, func(c *Config) { c.LiveURL = "https://crm.example.com" })
	var ref *Refusal
	if err := w3.Resume(); !errors.As(err, &ref) || ref.Rule != "W8" {
		t.Fatalf("resume against another host: %v", err)
	}
}
