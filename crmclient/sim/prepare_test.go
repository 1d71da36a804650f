package sim

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// prepBlock is one step block of prepareResult.tpl as a client reads it.
type prepBlock struct {
	heading, led string
	paragraphs   []string
	errors       []string
	messages     [][2]string // name, message
}

type prepPage struct {
	title         string
	blocks        []prepBlock
	finishedForms []url.Values // perform=install forms
	warningForm   url.Values   // the last block's perform=prepare_install form
	proceedClick  string       // its Proceed button's onclick
	recheck       bool
	retryForm     url.Values
}

func parsePrepare(t *testing.T, body string) prepPage {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var pp prepPage
	pp.title = strings.TrimSpace(doc.Find("h2").First().Text())
	doc.Find("form").Each(func(_ int, f *goquery.Selection) {
		v := hiddenInputs(f)
		if v.Get("perform") == "install" {
			pp.finishedForms = append(pp.finishedForms, v)
		}
	})
	doc.Find("div").Each(func(_ int, d *goquery.Selection) {
		h4 := d.ChildrenFiltered("h4")
		if h4.Length() == 0 {
			return
		}
		var blk prepBlock
		blk.heading = strings.TrimSpace(h4.Text())
		blk.led, _ = h4.Find("div").Attr("class")
		d.ChildrenFiltered("p").Each(func(_ int, p *goquery.Selection) {
			if s := strings.TrimSpace(p.Text()); s != "" {
				blk.paragraphs = append(blk.paragraphs, s)
			}
		})
		d.ChildrenFiltered("div").Each(func(_ int, e *goquery.Selection) {
			if e.Find("form").Length() == 0 {
				blk.errors = append(blk.errors, strings.TrimSpace(e.Text()))
			}
		})
		d.Find("table.tabDetailView tr").Each(func(_ int, tr *goquery.Selection) {
			blk.messages = append(blk.messages, [2]string{strings.TrimSpace(tr.Find("td").Eq(0).Text()), strings.TrimSpace(tr.Find("td").Eq(1).Text())})
		})
		d.Find("form").Each(func(_ int, f *goquery.Selection) {
			v := hiddenInputs(f)
			if v.Get("perform") != "prepare_install" {
				return
			}
			f.Find("button").Each(func(_ int, btn *goquery.Selection) {
				label := strings.TrimSpace(btn.Text())
				click, _ := btn.Attr("onclick")
				typ, _ := btn.Attr("type")
				switch {
				case label == "Proceed" && typ == "button":
					pp.warningForm, pp.proceedClick = v, click
				case label == "Re-check":
					pp.recheck = true
				case label == "Retry":
					pp.retryForm = v
				}
			})
		})
		pp.blocks = append(pp.blocks, blk)
	})
	return pp
}

var reAppendConfirm = regexp.MustCompile(`^this\.form\.confirm\.value \+= ',([A-Za-z]+)';`)

// proceedAsBrowser posts the warning form the way its Proceed button's
// script does: confirm += ",<step>".
func proceedAsBrowser(t *testing.T, b *browser, pp prepPage) string {
	t.Helper()
	m := reAppendConfirm.FindStringSubmatch(pp.proceedClick)
	if pp.warningForm == nil || m == nil {
		t.Fatalf("no warning form with a Proceed script: %+v", pp)
	}
	f := url.Values{}
	for k, v := range pp.warningForm {
		f[k] = append([]string(nil), v...)
	}
	f.Set("confirm", f.Get("confirm")+","+m[1])
	_, page := b.post("index.php", f)
	return page
}

// Issue 7 failure 1: the prepare result of a core patch with early files
// is precopy (a restart warning), then checkSystem with the extension
// warnings (R22); the warning forms post perform=prepare_install and only
// the finished page has the perform=install form (top and bottom).
func TestCorePreparePrecopyAndWarnings(t *testing.T) {
	for _, sc := range []string{"demo", "demo-8x"} {
		t.Run(sc, func(t *testing.T) {
			r, _ := startSim(t, scenario(t, sc))
			b := adminBrowser(t, r)
			name, data := downloadUpdate(t, r)
			_, body := b.upload(b.uploadForm(), name, bytes.NewReader(data))
			core, _ := findPkg(parseList(t, body, "Uploaded Packages"), "1CRM 8.7.7 Update")
			if core.typ != "Patch" || core.rows != 3 || len(core.conditions) != 0 {
				t.Fatalf("core row %+v", core)
			}

			_, page := b.post("index.php", core.forms["prepare_install"])
			pp := parsePrepare(t, page)
			if pp.title != "Preparing Package Installation: 1CRM 8.7.7 Update 8.7.7" || len(pp.blocks) != 2 || len(pp.finishedForms) != 0 {
				t.Fatalf("first prepare %+v", pp)
			}
			if b1 := pp.blocks[0]; b1.heading != "Step 1: Unzip the Package" || b1.led != "input-icon icon-ledgreen" ||
				strings.Join(b1.paragraphs, "|") != "Package successfully unzipped." {
				t.Errorf("block 1 %+v", b1)
			}
			pre := pp.blocks[1]
			if pre.heading != "Step 2: Pre-Copy Upgrade Files" || pre.led != "input-icon icon-ledyellow" ||
				strings.Join(pre.paragraphs, "|") != "Early installation files were copied successfully, but the upgrade process needs to be restarted." {
				t.Errorf("precopy block %+v", pre)
			}
			if pp.warningForm.Get("perform") != "prepare_install" || pp.warningForm.Get("confirm") != "" || pp.recheck ||
				!strings.HasPrefix(pp.proceedClick, "this.form.confirm.value += ',precopy';") {
				t.Errorf("precopy warning form %v %q recheck=%v", pp.warningForm, pp.proceedClick, pp.recheck)
			}

			page = proceedAsBrowser(t, b, pp)
			pp = parsePrepare(t, page)
			if len(pp.blocks) != 2 || len(pp.finishedForms) != 0 {
				t.Fatalf("after precopy %+v", pp)
			}
			sys := pp.blocks[1]
			if sys.heading != "Step 2: Check System Configuration" || sys.led != "input-icon icon-ledyellow" ||
				strings.Join(sys.paragraphs, "|") != "This step completed with warnings.|One or more configuration issues were found. Installation may proceed, but system functionality could be limited." {
				t.Errorf("checkSystem block %+v", sys)
			}
			want := [2]string{"DATEV Export", "Installed extension DATEV Export 2.3.1 does not declare compatibility with 1CRM 8.7.7."}
			if last := sys.messages[len(sys.messages)-1]; last != want {
				t.Errorf("last message row %v", last)
			}
			mustNotContain(t, text(page), "Call Sheets 1.4.2 does not")
			if pp.warningForm.Get("confirm") != "precopy" || !pp.recheck ||
				!strings.HasPrefix(pp.proceedClick, "this.form.confirm.value += ',checkSystem';") {
				t.Errorf("checkSystem warning form %v %q", pp.warningForm, pp.proceedClick)
			}

			page = proceedAsBrowser(t, b, pp)
			pp = parsePrepare(t, page)
			if len(pp.blocks) != 3 || len(pp.finishedForms) != 2 || pp.warningForm != nil {
				t.Fatalf("finished prepare %+v", pp)
			}
			for _, f := range pp.finishedForms {
				if f.Get("source") != "cache/upgrades/patch/8.7.7-InfoAtHand-patch.zip" {
					t.Errorf("finished form %v", f)
				}
			}
			if blk := pp.blocks[2]; blk.heading != "Step 3: Check File Permissions" || blk.led != "input-icon icon-ledgreen" ||
				!strings.Contains(strings.Join(blk.paragraphs, "|"), "This package is ready to be installed.") {
				t.Errorf("last block %+v", blk)
			}
			if pp.blocks[1].led != "input-icon icon-ledgreen" {
				t.Errorf("confirmed checkSystem not green: %+v", pp.blocks[1])
			}
			if c := r.Server.Counters(); c.Prepares != 3 || c.Precopies != 1 {
				t.Errorf("counters %+v", c)
			}
		})
	}
}

// UWizard_result: confirmations live in the session until the list page
// is shown; a client must always post the full confirm list.
func TestConfirmationsResetByListPage(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo"))
	b := adminBrowser(t, r)
	name, data := downloadUpdate(t, r)
	_, body := b.upload(b.uploadForm(), name, bytes.NewReader(data))
	form := rowForm(t, body, "1CRM 8.7.7 Update", "prepare_install")
	prepare := func(confirm string) prepPage {
		f := url.Values{}
		for k, v := range form {
			f[k] = v
		}
		f.Set("confirm", confirm)
		_, page := b.post("index.php", f)
		return parsePrepare(t, page)
	}
	if pp := prepare("precopy,checkSystem"); len(pp.finishedForms) != 2 {
		t.Fatal("full confirm list did not finish")
	}
	// Same session, no list page in between: the session remembers.
	if pp := prepare("precopy"); len(pp.finishedForms) != 2 {
		t.Error("session confirmation lost before the list page")
	}
	b.get(listPath)
	if pp := prepare("precopy"); len(pp.finishedForms) != 0 || pp.warningForm == nil {
		t.Error("confirmation survived the list page")
	}
	if pp := prepare("precopy,checkSystem"); len(pp.finishedForms) != 2 {
		t.Error("full list after the reset did not finish")
	}
}

// A failing step (checkPermissions error) ends the prepare with
// LBL_STEP_FAILED, the error lines and the Retry form (with the session's
// conditions); there is no install form.
func TestPreparePermissionsError(t *testing.T) {
	r, _ := startSim(t, scenario(t, "permissions-error"))
	b := adminBrowser(t, r)
	b.upload(b.uploadForm(), "exNew-1.0.zip", bytes.NewReader(packageZip(t, extWithConditions("exNew", "1.0", "dropdowns"))))
	_, list := b.get(listPath)
	_, page := b.post("index.php", rowForm(t, list, "Ext exNew", "prepare_install"))
	pp := parsePrepare(t, page)
	if len(pp.blocks) != 3 || len(pp.finishedForms) != 0 || pp.warningForm != nil || pp.retryForm == nil {
		t.Fatalf("prepare %+v", pp)
	}
	last := pp.blocks[2]
	if last.led != "input-icon icon-ledred" || last.paragraphs[0] != "This step cannot be completed. Please fix the errors below, and retry." ||
		len(last.errors) != 2 || last.errors[0] != "Destination file is not writable (/var/www/1crm/modules/Accounts/Account.php)" {
		t.Errorf("error block %+v", last)
	}
	if pp.retryForm.Get("conditions") != "dropdowns" || pp.retryForm.Get("perform") != "prepare_install" {
		t.Errorf("retry form %v", pp.retryForm)
	}
	if pp.blocks[1].heading != "Step 2: Check System Configuration" || pp.blocks[1].led != "input-icon icon-ledgreen" {
		t.Errorf("checkSystem of a module %+v", pp.blocks[1])
	}
	if r.Server.InProgress() {
		t.Error("lock set")
	}
}

// A language pack skips checkSystem (getPrepareSteps).
func TestPrepareStepsPerType(t *testing.T) {
	r, _ := startSim(t, scenario(t, "demo"))
	b := adminBrowser(t, r)
	lp := extension("exLang", "1.0", `8\.7\.[0-9]+`)
	lp.Type, lp.Name = "langpack", "Ext exLang"
	b.upload(b.uploadForm(), "exLang-1.0.zip", bytes.NewReader(packageZip(t, lp)))
	_, list := b.get(listPath)
	_, page := b.post("index.php", rowForm(t, list, "Ext exLang", "prepare_install"))
	pp := parsePrepare(t, page)
	if len(pp.blocks) != 2 || pp.blocks[1].heading != "Step 2: Check File Permissions" || len(pp.finishedForms) != 2 {
		t.Errorf("langpack prepare %+v", pp)
	}
}
