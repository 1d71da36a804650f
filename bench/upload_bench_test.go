package bench

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/manifest"
	"github.com/visual4/1crm-update/crmclient/sim"
)

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"1G": 1 << 30, "256M": 256 << 20, "64k": 64 << 10, "1048576": 1 << 20, "1.5G": 3 << 29, "2GiB": 2 << 30} {
		got, err := ParseSize(in)
		if err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "x", "-1G", "0"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
}

func writeTempPackage(tb testing.TB, size int64) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), "bench-pkg.zip")
	f, err := os.Create(p)
	if err != nil {
		tb.Fatal(err)
	}
	if err := WritePackage(f, size); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return p
}

// The generated package passes the local W2 checks and the simulator's
// upload validation.
func TestPackageUploads(t *testing.T) {
	p := writeTempPackage(t, 1<<20)
	pkg, err := manifest.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := pkg.Manifest.Validate(); err != nil || pkg.Size < 1<<20 {
		t.Fatalf("package %+v: %v", pkg, err)
	}
	c, srv := startSim(t)
	if err := c.Upload(context.Background(), p, nil); err != nil {
		t.Fatal(err)
	}
	if got := srv.Counters().UploadsAccepted; got != 1 {
		t.Errorf("UploadsAccepted = %d", got)
	}
}

func startSim(tb testing.TB) (*crmclient.Client, *sim.Server) {
	tb.Helper()
	sc, _ := sim.Builtin(sim.DefaultScenario)
	srv := sim.New(sc, sim.Options{TempDir: tb.TempDir()})
	ts := httptest.NewServer(srv)
	tb.Cleanup(ts.Close)
	c, err := crmclient.New(crmclient.Config{BaseURL: ts.URL, User: sim.DemoUser, Password: sim.DemoPassword})
	if err != nil {
		tb.Fatal(err)
	}
	if err := c.Login(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return c, srv
}

// BenchmarkUpload uploads a BENCH_SIZE package (default 32M) in-process.
// Client and simulator share the process, so this gives throughput only;
// bench/upload.sh measures the uploader's peak RSS on its own.
func BenchmarkUpload(b *testing.B) {
	size := int64(32 << 20)
	if s := os.Getenv("BENCH_SIZE"); s != "" {
		var err error
		if size, err = ParseSize(s); err != nil {
			b.Fatal(err)
		}
	}
	p := writeTempPackage(b, size)
	st, _ := os.Stat(p)
	b.SetBytes(st.Size())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		c, _ := startSim(b) // fresh server: each upload is new, not a duplicate
		b.StartTimer()
		if err := c.Upload(context.Background(), p, nil); err != nil {
			b.Fatal(err)
		}
	}
}
