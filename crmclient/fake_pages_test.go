package crmclient

import (
	"fmt"
	"html"
	"net/url"
	"strings"
)

// The fake's pages: the real 7.x structure (modules/Users/Login.php,
// UWizard/index.php, uploaded.tpl, installed.tpl, prepareResult.tpl,
// stepCommit.tpl, result.tpl, buttons.tpl) in a compact layout of our own.
// No ids or classes the real pages lack are added for the client.

var esc = html.EscapeString

var fakeTypeLabels = map[string]map[string]string{
	"en": {"theme": "Theme", "langpack": "Language", "module": "Module", "patch": "Patch"},
	"de": {"theme": "Design Thema", "langpack": "Sprache", "module": "Modul", "patch": "Patch"},
}

// frame wraps content in a table layout (the content sits in a cell).
func (f *fake) frame(title, content string) string {
	top := `<a href="index.php?module=Home&amp;action=index">Home</a> | Logged in as admin`
	if f.lang == "de" {
		top = `<a href="index.php?module=Home&amp;action=index">Startseite</a> | Angemeldet als admin`
	}
	return `<!DOCTYPE html><html><head><title>1CRM: ` + esc(title) + `</title></head><body>
<table class="pageFrame" width="100%"><tr><td class="topBar">` + top + `</td></tr>
<tr><td class="mainContent">
` + content + `
</td></tr><tr><td class="bottomBar">&copy; 1CRM Corp. All Rights Reserved.</td></tr></table></body></html>`
}

func fakeLogin7(errMsg string, q url.Values) string {
	hidden := ""
	for _, k := range []string{"login_module", "login_action"} {
		if q != nil && q.Get(k) != "" {
			hidden += `<input type="hidden" name="` + k + `" value="` + esc(q.Get(k)) + `">`
		}
	}
	style := "display: none"
	if errMsg != "" {
		style = ""
	}
	return `<!DOCTYPE html><html><head><title>1CRM: Login</title></head><body>
<form method="post" action="index.php" name="LoginForm" onsubmit="return do_login();">
<input type="hidden" name="module" value="Users"><input type="hidden" name="action" value="Authenticate">
<input type="hidden" name="return_module" value="Users"><input type="hidden" name="return_action" value="Login">` + hidden + `
<table class="tabForm loginForm"><tr><td>
User Name: <input type="text" name="user_name" value=""><br>
Password: <input type="password" name="user_password" value=""><br>
<select name="user_language"><option value="en_us">US English</option><option value="de_DE" selected>Deutsch</option></select>
<button type="submit" id="login_button">Log In</button></td></tr>
<tr id="error_row" style="` + style + `"><td><span class="error" id="error_message">` + esc(errMsg) + `</span></td></tr>
</table></form></body></html>`
}

func fakeLogin8(captcha bool) string {
	capw := ""
	if captcha {
		capw = `<div id="cap"><label><input type="checkbox"> I'm a human</label></div>`
	}
	return `<!DOCTYPE html><html><head><title>1CRM: Login</title></head><body><main>
<form id="login_form" onsubmit="return false;">
<input type="hidden" name="login_module" value="Home"><input type="hidden" name="login_action" value="index">
<input type="text" id="login_user" name="user_name"><input type="password" id="login_pass" name="user_password">
` + capw + `<button type="submit" id="login_button">Log In</button></form></main></body></html>`
}

const fakeAdminLinks = `<h2>Administration</h2><table>
<tr><td><a href="./index.php?module=Configurator&amp;action=EditView&amp;layout=Backup">Backup Management</a></td></tr>
<tr><td><a href="./index.php?module=LicenseInfo&amp;action=index">License and Support</a></td></tr>
<tr><td><a href="./index.php?module=UWizard&amp;action=index">Upgrades &amp; Customization</a></td></tr></table>`

// fakeBox is the upload answer's message box (UWizard/index.php).
func fakeBox(text string, ok bool) string {
	icon, color := "icon-ledred", "red"
	if ok {
		icon, color = "icon-ledgreen", "green"
	}
	return `<table width="60%" class="tabForm flashMessage" align="center"><tr><td class="dataLabel">
<div class="input-icon ` + icon + `"></div> <span style="color:` + color + `;">` + esc(text) + `</span><br></td></tr></table><p> </p>`
}

func (f *fake) redirectHomePage() string {
	msg, cd := "Upgrades are disabled. Please check the status of your support contract.", "Redirecting to Home page in 5..."
	if f.lang == "de" {
		msg, cd = "Aktualisierungen und Updates sind abgeschaltet. Bitte prüfen Sie Ihren Wartungsvertrag.", "Wir leiten sie in 5 zurück zur Hompage..."
	}
	return f.frame("Error", `<p class="error">`+msg+`</p><p>`+cd+`</p>
<script>setTimeout(function(){ SUGAR.util.loadUrl('index.php?module=Home&action=index'); }, 5000);</script>`)
}

// listPage renders the upgrade manager list with box above the lists.
func (f *fake) listPage(box string, withUpload bool) string {
	f.mu.Lock()
	up := append([]fakePkg(nil), f.uploaded...)
	inst := append([]fakePkg(nil), f.installed...)
	inProgress, uploadOff := f.inProgress && !f.noNotice, f.uploadDisabled
	f.mu.Unlock()
	labels := fakeTypeLabels[f.lang]
	var b strings.Builder
	b.WriteString(box)
	if inProgress {
		b.WriteString(`<p>An upgrade is in progress.</p>`)
	}
	if uploadOff {
		b.WriteString(fakeBox("Package uploads are disabled for this hosted 1CRM installation.", false))
	} else if withUpload {
		b.WriteString(`<form method="post" action="index.php" enctype="multipart/form-data" name="the_form">
<input type="hidden" name="module" value="UWizard"><input type="hidden" name="action" value="index"><input type="hidden" name="perform" value="upload">
<table class="tabForm"><tr><td>Upload New Package <input type="file" name="upgrade_zip"> <button type="submit">Upload</button></td></tr></table></form>`)
	}
	b.WriteString(`<div class="listViewTitle"><h3>Uploaded Packages</h3></div><table class="listView"><thead><tr>
<th>&nbsp;</th><th>Name</th><th>Type</th><th>Version</th><th>Published</th><th>Author</th><th>Action</th></tr></thead><tbody>`)
	var script []string
	for _, p := range up {
		ok := p.Status == ""
		status, led, class := "Package is ready for installation", "icon-ledgreen", ""
		if !ok {
			status, led, class = p.Status, "icon-ledred", " error"
		}
		cid := "conditions_" + p.Type + "_" + strings.ReplaceAll(strings.ToLower(p.Name), " ", "_") + "_" + p.Version
		install := ""
		if ok {
			install = `<form method="post" action="index.php"><input type="hidden" name="module" value="UWizard"><input type="hidden" name="action" value="index">
<input type="hidden" name="source" value="` + esc(p.Source) + `"><input type="hidden" name="perform" value="prepare_install">
<input type="hidden" id="` + esc(cid) + `" name="conditions" value=""><button type="submit">Install</button></form>`
		}
		fmt.Fprintf(&b, `<tr><td><div class="input-icon %s"></div></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>
<td rowspan="3">%s<form method="post" action="index.php"><input type="hidden" name="module" value="UWizard"><input type="hidden" name="action" value="index">
<input type="hidden" name="source" value="%s"><input type="hidden" name="perform" value="delete">
<button type="submit" onclick="return confirm('Delete this package file?');">Delete</button></form></td></tr>
<tr><td colspan="7"><div class="listAddLine">%s</div></td></tr>
<tr><td colspan="7"><div class="listAddLine%s" style="font-style:italic">%s</div></td></tr>`,
			led, esc(p.Name), esc(labels[p.Type]), esc(p.Version), esc(p.Published), esc(p.Author), install, esc(p.Source),
			esc(p.Description), class, esc(status))
		for _, c := range p.Conditions {
			fmt.Fprintf(&b, `<tr><td colspan="1"><input onclick="update_condition($('%s'), '%s', this.checked)" type="checkbox" id="condition_%s" value="1" checked="checked" /></td>
<td colspan="6"><label for="condition_%s">%s</label></td>`, cid, c, c, c, c)
			script = append(script, "$('"+cid+"').value += '"+c+"|';")
		}
		if len(p.Conditions) > 0 {
			b.WriteString("</tr>")
		}
		b.WriteString(`<tr><td colspan="7" class="listViewHRS1"></td></tr>`)
	}
	b.WriteString("</tbody></table>\n<script type=\"text/javascript\">\n" + strings.Join(script, "\n") + "\n</script>\n")
	b.WriteString(`<div class="listViewTitle"><h3>Installed Packages</h3></div><table class="listView"><thead><tr>
<th>&nbsp;</th><th>Name</th><th>Type</th><th>Version</th><th>Installed</th><th>Action</th></tr></thead><tbody>`)
	for _, p := range inst {
		form := ""
		if p.Type != "patch" {
			form = `<form method="post" action="index.php"><input type="hidden" name="module" value="UWizard"><input type="hidden" name="action" value="index">
<input type="hidden" name="source" value="` + esc(p.Source) + `"><input type="hidden" name="perform" value="prepare_uninstall"><button type="submit">Uninstall</button></form>`
		}
		fmt.Fprintf(&b, `<tr><td><div class="input-icon icon-ledgrey"></div></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td rowspan="3">%s</td></tr>
<tr><td colspan="7"><div class="listAddLine">%s</div></td></tr><tr><td colspan="7" class="listViewHRS1"></td></tr>`,
			esc(p.Name), esc(labels[p.Type]), esc(p.Version), esc(p.Installed), form, esc(p.Description))
	}
	b.WriteString("</tbody></table>")
	return f.frame("Upgrades & Customization", b.String())
}

var fakeLED = map[string]string{"success": "icon-ledgreen", "warning": "icon-ledyellow", "error": "icon-ledred"}

// preparePage renders prepareResult.tpl for v; confirm and conditions of
// the POST come back in the warning and retry forms, as on 7.x.
func (f *fake) preparePage(v prepView, posted url.Values) string {
	src := posted.Get("source")
	var b strings.Builder
	b.WriteString(`<h2><div class="input-icon theme-icon module-Administration"></div> Preparing Package Installation: Call Sheets 1.4.2</h2>`)
	if v.Message != "" {
		b.WriteString(`<p class="error">` + esc(v.Message) + `</p>`)
	}
	finished := `<div><form method="post" action="index.php"><input type="hidden" name="module" value="UWizard"><input type="hidden" name="action" value="index">
<input type="hidden" name="source" value="` + esc(src) + `"><input type="hidden" name="perform" value="install">
<button type="submit">Proceed</button><button type="button" onclick="SUGAR.util.loadUrl('?module=UWizard&amp;action=index');">Cancel</button></form></div>`
	if v.Finished {
		b.WriteString(finished)
	}
	for i, s := range v.Steps {
		fmt.Fprintf(&b, `<div style="border: solid 2px #999; padding: 8px"><h4><div class="input-icon %s"></div> Step %d: %s</h4>`, fakeLED[s.Status], i+1, esc(s.Label))
		switch s.Status {
		case "success":
			b.WriteString("<p>" + esc(s.Message) + "</p>")
		case "warning":
			b.WriteString("<p>This step completed with warnings.</p><p>" + esc(s.Message) + "</p>")
		default:
			b.WriteString("<p>This step cannot be completed. Please fix the errors below, and retry.</p><p>" + esc(s.Message) + "</p>")
		}
		if len(s.Errors) > 0 {
			b.WriteString("<p>")
			for _, e := range s.Errors {
				b.WriteString("<div>" + esc(e) + "</div>")
			}
			b.WriteString("</p>")
		}
		if len(s.Rows) > 0 {
			b.WriteString(`<table class="tabDetailView"><tbody>`)
			for _, r := range s.Rows {
				b.WriteString(`<tr><td class="tabDetailViewDL">` + esc(r[0]) + `</td><td class="tabDetailViewDF"><span style="color: #000099">` + esc(r[1]) + `</span></td></tr>`)
			}
			b.WriteString(`</tbody></table>`)
		}
		last := i == len(v.Steps)-1
		hidden := `<input type="hidden" name="module" value="UWizard"><input type="hidden" name="action" value="index">
<input type="hidden" name="source" value="` + esc(src) + `"><input type="hidden" name="perform" value="prepare_install">
<input type="hidden" name="confirm" value="` + esc(posted.Get("confirm")) + `">`
		switch {
		case last && s.Status == "warning":
			b.WriteString(`<form method="post" action="index.php">` + hidden + `<button type="submit">Re-check</button>
<button type="button" onclick="this.form.confirm.value += ',` + s.Name + `';this.form.submit();">Proceed</button></form>`)
		case last && s.Status == "error":
			b.WriteString(`<form method="post" action="index.php">` + hidden + `<input type="hidden" name="conditions" value="` + esc(posted.Get("conditions")) + `"><button type="submit">Retry</button></form>`)
		}
		b.WriteString("</div>")
	}
	if v.Finished {
		b.WriteString(finished)
	}
	return f.frame("Upgrades & Customization", b.String())
}

// stepPage renders stepCommit.tpl + result.tpl + buttons.tpl for one
// commit step; the way on depends on the flow.
func (f *fake) stepPage(step int, status, msg, flow string, final bool) string {
	h4 := map[string]string{"success": "Step completed successfully.", "warning": "This step completed with warnings.",
		"fatal": "This step cannot be completed. Please fix the errors below, and retry."}[status]
	f.mu.Lock()
	src := f.installing
	f.mu.Unlock()
	var b strings.Builder
	fmt.Fprintf(&b, `<h2>Installing Call Sheets 1.4.2</h2><h3>Step %d: Commit changes</h3>
<div style="border: solid 2px #0e0; padding: 8px"><h4>%s</h4>%s`, step, h4, msg)
	if status == "fatal" {
		b.WriteString("<p><div>Destination file is not writable</div></p>")
	}
	b.WriteString("</div>")
	form := func(uwStep int, retry string, button string) string {
		return fmt.Sprintf(`<form method="post" action="index.php"><input type="hidden" name="module" value="UWizard"><input type="hidden" name="action" value="index">
<input type="hidden" name="uw_step" value="%d"><input type="hidden" name="source" value="%s"><input type="hidden" name="perform" value="install">
<input type="hidden" name="retry" value="%s"><button type="submit">%s</button></form>`, uwStep, esc(src), retry, button)
	}
	switch {
	case status == "fatal":
		b.WriteString(form(step, "1", "Retry"))
	case final:
		b.WriteString(`<button type="button" onclick="SUGAR.util.loadUrl('?module=UWizard&amp;action=index');">Return to Packages List</button>`)
	case flow == "form":
		b.WriteString(form(step+1, "0", "Next"))
	default:
		b.WriteString(`<script>document.location.href='upgrade.php';</script>`)
	}
	return f.frame("Upgrades & Customization", b.String())
}
