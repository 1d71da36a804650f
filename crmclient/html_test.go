package crmclient

import "testing"

// A layout table wrapping the heading and the data table must not be
// taken for the package list (sections by title, innermost table).
func TestLayoutTableWrappingList(t *testing.T) {
	body := `<html><body><table><tr><td>
<h3>Uploaded Packages</h3>
<table><tr><th></th><th>Name</th><th>Type</th><th>Version</th><th>Published</th><th>Author</th><th>Action</th></tr>
<tr><td></td><td>Call Sheets</td><td>Module</td><td>1.4.2</td><td></td><td></td><td rowspan="3"></td></tr>
<tr><td colspan="7"><div>Call lists.</div></td></tr>
<tr><td colspan="7"><div style="font-style: italic">Package is ready for installation</div></td></tr></table>
</td></tr><tr><td>
<h3>Installed Packages</h3>
<table><tr><th>Name</th><th>Type</th><th>Version</th><th>Date Installed</th></tr>
<tr><td>Portal Extras</td><td>module</td><td>3.2.13</td><td>2024-11-02</td></tr></table>
</td></tr></table></body></html>`
	uw, err := parsePackageList(newPage(mustURL("https://h/index.php"), 200, []byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	l := uw.list
	if len(l.Uploaded) != 1 || l.Uploaded[0].Name != "Call Sheets" || !l.Uploaded[0].Ready ||
		len(l.Installed) != 1 || l.Installed[0].Version != "3.2.13" || l.UploadDisabled || !l.UploadFormMissing {
		t.Fatalf("%+v", l)
	}
}

// An empty Uploaded section (notice, no table) must not claim the
// Installed table.
func TestEmptySectionDoesNotClaimNextTable(t *testing.T) {
	body := `<html><body><form><input type="file" name="upgrade_zip"></form>
<h3>Uploaded Packages</h3><p>No packages have been uploaded.</p>
<h3>Installed Packages</h3>
<table><tr><th>Name</th><th>Type</th><th>Version</th><th>Installed</th></tr>
<tr><td>Portal Extras</td><td>module</td><td>3.2.13</td><td>2024-11-02</td></tr></table></body></html>`
	uw, err := parsePackageList(newPage(mustURL("https://h/index.php"), 200, []byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	if len(uw.list.Uploaded) != 0 || len(uw.list.Installed) != 1 || uw.list.UploadDisabled {
		t.Fatalf("%+v", uw.list)
	}
}

func TestVisibleText(t *testing.T) {
	got := visibleText([]byte(`<html><head><style>p{}</style><script>var x="<p>no</p>";</script></head>
<body><h1>Title</h1><p>One <b>two</b></p><table><tr><td>a</td><td>b</td></tr></table></body></html>`))
	want := "Title\nOne two\na | b"
	if got != want {
		t.Fatalf("%q", got)
	}
}
