package backupcheck_test

import (
	"context"
	"testing"
	"time"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/crmclient/backupcheck"
	"github.com/visual4/1crm-update/crmclient/sim"
)

// The simulator writes real backup ZIPs (crmclient/sim/backupzip.go): the
// verifier reads them as it would read 1CRM's, for every file filter, and
// notices the backup without a dump.
func TestVerifySimulatorBackups(t *testing.T) {
	cases := []struct {
		scenario, filter string
		dump             bool
	}{
		{"demo", "minimal", true},
		{"demo", "complete", true},
		{"demo", "none", true},
		{"backup-without-dump", "maximal", false},
	}
	for _, tc := range cases {
		t.Run(tc.scenario+"/"+tc.filter, func(t *testing.T) {
			sc, ok := sim.Builtin(tc.scenario)
			if !ok {
				t.Fatalf("no scenario %s", tc.scenario)
			}
			sc.Backup.FilesFilter = tc.filter
			sc.Backup.SizeBytes = 3 << 20 // a stored filler: the archive is a few MB on disk
			r, err := sim.Start(sc, sim.Options{TempDir: t.TempDir(), Sleep: func(time.Duration) {}})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { r.Close() })
			c, err := crmclient.New(crmclient.Config{BaseURL: r.URL, User: sim.DemoUser, Password: sim.DemoPassword})
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			if err := c.Login(ctx); err != nil {
				t.Fatal(err)
			}
			e, err := c.RunBackup(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			p, ok := r.Server.BackupFile(e.Name)
			if !ok {
				t.Fatalf("no file for %s", e.Name)
			}
			res, err := backupcheck.Verify(ctx, p, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !tc.dump {
				if !res.Has(backupcheck.NoDump) || len(res.Problems) != 1 {
					t.Fatalf("problems %v", res.Problems)
				}
				return
			}
			if !res.OK() || res.Dump == nil || !res.Dump.Complete || res.Dump.Tables != 4 || res.Size < 3<<20-4096 {
				t.Fatalf("result %+v dump %+v", res, res.Dump)
			}
		})
	}
}
