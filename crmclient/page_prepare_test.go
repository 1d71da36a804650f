package crmclient

import (
	"net/url"
	"reflect"
	"testing"
)

func preparePage(t *testing.T, body string) *PrepareResult {
	t.Helper()
	u, _ := url.Parse("https://crm.example.com/index.php")
	res, _, err := parsePrepare(newPage(u, 200, []byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// Spec §5.3: the step messages are passed through verbatim, also when the
// message column has no header (the extension version warnings of R22
// must reach the wizard). Columns are found by header text, English and
// German, in any order.
func TestParsePrepareMessageColumnWithoutHeader(t *testing.T) {
	warnEN := []string{
		"Installed extension DATEV Export 2.3.1 does not declare compatibility with 1CRM 8.7.7.",
		"Installed extension Call Sheets 1.4.2 does not declare compatibility with 1CRM 8.7.7.",
	}
	cases := []struct {
		name, body string
		want       []PrepareStep
	}{
		{"english, empty message header", `<table>
<tr><th>Step</th><th>Status</th><th></th></tr>
<tr><td>unzipPackage</td><td>success</td><td>Package unpacked.</td></tr>
<tr><td>checkSystem</td><td>warning</td><td>` + warnEN[0] + `<br>
` + warnEN[1] + `</td></tr>
<tr><td>checkPermissions</td><td>success</td><td>  All   files writable. </td></tr>
</table>`, []PrepareStep{
			{"unzipPackage", StepSuccess, "Package unpacked."},
			{"checkSystem", StepWarning, warnEN[0] + "\n" + warnEN[1]},
			{"checkPermissions", StepSuccess, "All files writable."},
		}},
		{"german, status first, message spread over two header-less cells", `<table>
<tr><th>Status</th><th>Schritt</th><th></th><th></th></tr>
<tr><td>OK</td><td>unzipPackage</td><td><img src="ok.gif"></td><td>Paket entpackt.</td></tr>
<tr><td>Warnung</td><td>checkSystem</td><td>Die installierte Erweiterung DATEV Export 2.3.1 gibt keine Kompatibilität mit 1CRM 8.7.7 an.</td><td><p>Bitte prüfen.</p></td></tr>
</table>`, []PrepareStep{
			{"unzipPackage", StepSuccess, "Paket entpackt."},
			{"checkSystem", StepWarning, "Die installierte Erweiterung DATEV Export 2.3.1 gibt keine Kompatibilität mit 1CRM 8.7.7 an.\nBitte prüfen."},
		}},
		{"named message column", `<table>
<tr><th>Meldung</th><th>Prüfung</th><th>Ergebnis</th></tr>
<tr><td>Keine Schreibrechte: modules/Accounts</td><td>checkPermissions</td><td>Fehler</td></tr>
</table>`, []PrepareStep{
			{"checkPermissions", StepError, "Keine Schreibrechte: modules/Accounts"},
		}},
		{"no step header either", `<table>
<tr><th></th><th>Status</th><th></th></tr>
<tr><td>checkSystem</td><td>warning</td><td>` + warnEN[0] + `</td></tr>
</table>`, []PrepareStep{
			{"checkSystem", StepWarning, warnEN[0]},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := preparePage(t, tc.body).Steps
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("steps\n got %#v\nwant %#v", got, tc.want)
			}
		})
	}
}
