package crmclient_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/sim"
)

const updName = "8.7.7-InfoAtHand-patch.zip"

// dlRig is the simulator serving the demo's core update (4 MiB) and a
// client that downloads it; no login is needed for the link.
type dlRig struct {
	run  *sim.Running
	url  string
	want []byte
	dest string
}

func newDLRig(t *testing.T) *dlRig {
	t.Helper()
	sc, _ := sim.Builtin("demo")
	for i := range sc.Updates {
		sc.Updates[i].PaddingBytes = 4 << 20
	}
	run, err := sim.Start(sc, sim.Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { run.Close() })
	want, err := run.Server.UpdateZip(updName)
	if err != nil {
		t.Fatal(err)
	}
	return &dlRig{run: run, url: run.URL + sim.UpdateURL(updName), want: want, dest: filepath.Join(t.TempDir(), updName)}
}

func (r *dlRig) client(t *testing.T) *crmclient.Client {
	t.Helper()
	c, err := crmclient.New(crmclient.Config{BaseURL: r.run.URL, User: sim.DemoUser, Password: sim.DemoPassword})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// download runs one Download and collects its notes.
func (r *dlRig) download(t *testing.T, retries int) (*crmclient.DownloadResult, []crmclient.DownloadNote, error) {
	t.Helper()
	var notes []crmclient.DownloadNote
	res, err := r.client(t).Download(tctx(t), r.url, r.dest, crmclient.DownloadOptions{
		Retries: retries, RetryWait: time.Millisecond,
		Note: func(n crmclient.DownloadNote) { notes = append(notes, n) },
	})
	return res, notes, err
}

func (r *dlRig) mustMatch(t *testing.T, want []byte) {
	t.Helper()
	got, err := os.ReadFile(r.dest)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("file at the destination differs (%d bytes, want %d): %v", len(got), len(want), err)
	}
	if _, err := os.Stat(r.dest + ".part"); !os.IsNotExist(err) {
		t.Error("part file left behind")
	}
	if _, err := os.Stat(r.dest + ".part.json"); !os.IsNotExist(err) {
		t.Error("sidecar left behind")
	}
}

// The simulator cuts the connection at 60 %: the same call reconnects
// with Range/If-Range and fetches only the rest.
func TestDownloadResumesAfterCut(t *testing.T) {
	r := newDLRig(t)
	size := int64(len(r.want))
	r.run.Server.SetDownloadFaults(sim.DownloadFaults{CutAfter: size * 6 / 10})
	res, notes, err := r.download(t, 0)
	if err != nil {
		t.Fatal(err)
	}
	r.mustMatch(t, r.want)
	st := r.run.Server.DownloadStats()
	if st.Cuts != 1 || st.Partial != 1 || res.Retries != 1 || res.Size != size {
		t.Fatalf("stats %+v result %+v", st, res)
	}
	if resent := st.BodyBytes - size; resent != 0 || res.Transferred != size {
		t.Errorf("re-sent %d bytes, transferred %d of %d", resent, res.Transferred, size)
	}
	if len(notes) != 1 || notes[0].Kind != crmclient.DownloadRetrying || notes[0].Offset != size*6/10 || notes[0].Err == nil {
		t.Errorf("notes %+v", notes)
	}
}

// A resumed run: the first call gives up at the cut (no retries) and
// keeps the part; a new client with the same destination continues it.
func TestDownloadResumedRun(t *testing.T) {
	r := newDLRig(t)
	size := int64(len(r.want))
	cut := size / 2
	r.run.Server.SetDownloadFaults(sim.DownloadFaults{CutAfter: cut})
	if _, _, err := r.download(t, -1); err == nil {
		t.Fatal("the cut download reported success")
	}
	if st, err := os.Stat(r.dest + ".part"); err != nil || st.Size() != cut {
		t.Fatalf("part file %v %v, want %d bytes", st, err, cut)
	}
	if _, err := os.Stat(r.dest); !os.IsNotExist(err) {
		t.Fatal("a partial file at the destination")
	}
	res, notes, err := r.download(t, 0)
	if err != nil {
		t.Fatal(err)
	}
	r.mustMatch(t, r.want)
	if res.ResumedFrom != cut || res.Transferred != size-cut {
		t.Errorf("result %+v", res)
	}
	if len(notes) != 1 || notes[0].Kind != crmclient.DownloadResumed || notes[0].Offset != cut || notes[0].Total != size {
		t.Errorf("notes %+v", notes)
	}
	if st := r.run.Server.DownloadStats(); st.BodyBytes != size || st.Partial != 1 {
		t.Errorf("server sent %d bytes for a %d-byte file: %+v", st.BodyBytes, size, st)
	}
}

// A server without Range support sends the whole file again: the part is
// dropped and the caller is told why.
func TestDownloadNoRangeStartsOver(t *testing.T) {
	r := newDLRig(t)
	size := int64(len(r.want))
	r.run.Server.SetDownloadFaults(sim.DownloadFaults{CutAfter: size / 2})
	r.download(t, -1)
	r.run.Server.SetDownloadFaults(sim.DownloadFaults{NoRange: true})
	res, notes, err := r.download(t, 0)
	if err != nil {
		t.Fatal(err)
	}
	r.mustMatch(t, r.want)
	if len(notes) != 1 || notes[0].Kind != crmclient.DownloadRestarted || notes[0].Reason != crmclient.RestartNoRange ||
		res.Transferred != size || res.ResumedFrom != 0 || len(res.Restarts) != 1 {
		t.Errorf("notes %+v result %+v", notes, res)
	}
}

// The file changed on the server (new ETag): If-Range makes the server
// send the new file whole, and the old part is not joined with it.
func TestDownloadChangedFileStartsOver(t *testing.T) {
	r := newDLRig(t)
	size := int64(len(r.want))
	r.run.Server.SetDownloadFaults(sim.DownloadFaults{CutAfter: size / 2})
	r.download(t, -1)
	newer := buildZip(t, 3<<20)
	r.run.Server.ReplaceUpdate(updName, newer)
	_, notes, err := r.download(t, 0)
	if err != nil {
		t.Fatal(err)
	}
	r.mustMatch(t, newer)
	if len(notes) != 1 || notes[0].Reason != crmclient.RestartChanged {
		t.Errorf("notes %+v", notes)
	}
}

// Without ETag and Last-Modified a part cannot be matched to the file:
// it is not continued.
func TestDownloadNoValidatorStartsOver(t *testing.T) {
	r := newDLRig(t)
	size := int64(len(r.want))
	r.run.Server.SetDownloadFaults(sim.DownloadFaults{CutAfter: size / 2, NoValidator: true})
	r.download(t, -1)
	r.run.Server.SetDownloadFaults(sim.DownloadFaults{NoValidator: true})
	_, notes, err := r.download(t, 0)
	if err != nil {
		t.Fatal(err)
	}
	r.mustMatch(t, r.want)
	if len(notes) != 1 || notes[0].Reason != crmclient.RestartNoValidator {
		t.Errorf("notes %+v", notes)
	}
	if st := r.run.Server.DownloadStats(); st.RangeRequests != 0 {
		t.Errorf("sent a Range without a validator: %+v", st)
	}
}

// A cancel keeps the part for the next attempt.
func TestDownloadCancelKeepsPart(t *testing.T) {
	r := newDLRig(t)
	ctx, cancel := context.WithCancel(context.Background())
	_, err := r.client(t).Download(ctx, r.url, r.dest, crmclient.DownloadOptions{Progress: func(got, total int64) {
		if got > total/3 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
	if st, err := os.Stat(r.dest + ".part"); err != nil || st.Size() == 0 {
		t.Fatalf("part %v %v", st, err)
	}
	res, _, err := r.download(t, 0)
	if err != nil || res.ResumedFrom == 0 {
		t.Fatalf("resume after cancel: %+v %v", res, err)
	}
	r.mustMatch(t, r.want)
}

func buildZip(t *testing.T, padding int64) []byte {
	t.Helper()
	var b bytes.Buffer
	p := sim.PackageSpec{Name: "1CRM 8.7.7 Update", ID: "InfoAtHand", Type: "patch", Version: "8.7.7", RegexMatches: []string{`8\.7\.[0-6]`}}
	if err := sim.BuildPackageZip(&b, p, padding); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
