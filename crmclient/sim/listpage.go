package sim

import (
	"fmt"
	"net/http"
	"strings"
)

// renderList is the Upgrade Wizard page (7.x modules/UWizard/index.php,
// templates/uploaded.tpl and installed.tpl): the message box of an
// upload (printed before the module title), the upload form, "Uploaded
// Packages" and "Installed Packages".
func (s *Server) renderList(w http.ResponseWriter, se *session, msg *flash) {
	t := s.tr(se)
	p := s.newPage(se, t.UWTitle)
	if msg != nil {
		writeFlash(&p.pre, msg)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case msg != nil && s.unknownMarkup("upload"):
		p.pre.Reset()
		unknownUploadAnswer(p, msg)
		p.write(w)
		return
	case s.unknownMarkup("list"):
		s.unknownListLocked(p, t)
		p.write(w)
		return
	}
	if s.inProgress {
		p.printf("<p><b>%s</b></p>\n", htmlEscape(t.InProgress))
	}
	if s.sc.Faults.HostedUploadDisabled {
		var b strings.Builder
		writeFlash(&b, &flash{text: t.UploadOff})
		p.raw(b.String())
	} else if s.unknownMarkup("upload-form") {
		unknownUploadForm(p, t)
	} else {
		writeUploadForm(p, t)
	}
	s.writeUploadedLocked(p, t)
	s.writeInstalledLocked(p, t)
	p.write(w)
}

// writeFlash is index.php's message box: a layout table of class
// "tabForm flashMessage" whose cell holds the LED and the coloured text.
func writeFlash(b *strings.Builder, msg *flash) {
	icon, color := "icon-ledred", "red"
	if msg.ok {
		icon, color = "icon-ledgreen", "green"
	}
	fmt.Fprintf(b, "<table width=\"60%%\" border=\"0\" cellspacing=\"0\" cellpadding=\"0\" class=\"tabForm flashMessage\" align=\"center\">\n"+
		"\t<tr>\n\t<td class=\"dataLabel\" width=\"100%%\" style=\"text-align: center; padding: 0.5em 0 0.5em 20px\">\n"+
		"\t\t<div class=\"input-icon %s\"></div>\n\t\t<span style=\"color:%s;\">%s</span><br>\n\t</td>\n\t</tr>\n</table>\n<p> </p>\n",
		icon, color, htmlEscape(msg.text))
}

func writeUploadForm(p *page, t *texts) {
	p.formStartNamed("the_form", "multipart/form-data", "module", "UWizard", "action", "index", "perform", "upload")
	p.raw("\n<table cellspacing=\"0\" cellpadding=\"0\" border=\"0\" width=\"100%\" class=\"tabForm\">\n<tbody><tr><td>\n" +
		"<table cellspacing=\"0\" cellpadding=\"0\" border=\"0\">\n<tbody>\n")
	p.printf("<tr><td><p class=\"topLabel\">\n%s\n</p></td></tr>\n<tr valign=\"middle\">\n<td>\n", htmlEscape(t.UploadPackage))
	p.raw("<input type=\"file\" class=\"input-file\" size=\"40\" name=\"upgrade_zip\" style=\"margin-right: 5px\">\n")
	p.button("submit", "input-button input-outer", "icon-accept", t.UploadButton, "")
	p.raw("</td>\n<td style=\"width:50%\">&nbsp;</td>\n</tr>\n")
	p.printf("<tr><td colspan=\"3\"><div class=\"fieldDesc\" style=\"margin-top: 0.5em\">\n%s</div></td></tr>\n", htmlEscape(t.UploadDesc))
	p.raw("</tbody></table></td></tr></tbody></table>\n</form>\n")
}

// listHead opens a list table with its title and header cells.
func listHead(p *page, title string, cols ...string) {
	p.printf("<p>&nbsp;</p>\n<div class=\"listViewTitle\">\n<h3>%s</h3>\n</div>\n", htmlEscape(title))
	p.raw("<table cellspacing=\"0\" cellpadding=\"0\" border=\"0\" width=\"100%\" class=\"listView form-mid\">\n<thead class=\"listViewColumns\">\n\t<tr class=\"listHead\">\n")
	for _, c := range cols {
		if c == "" {
			c = "&nbsp;"
		} else {
			c = htmlEscape(c)
		}
		p.printf("\t\t<th class=\"listViewThS1\">\n\t\t\t<div class=\"listColLabel\">%s</div>\n\t\t</th>\n", c)
	}
	p.raw("\t</tr>\n</thead>\n<tbody>\n")
}

func td(p *page, content string) {
	p.printf("\t\t<td class=\"listViewTd\">\n\t\t\t%s\n\t\t</td>\n", content)
}

// conditionID is the id of a package's hidden conditions input.
func conditionID(spec PackageSpec) string {
	return "conditions_" + spec.Type + "_" + spec.ID + "_" + spec.Version
}

// writeUploadedLocked is uploaded.tpl: per package a data row (the action
// cell spans 3 rows and holds the install form only when the package is
// installable, plus the delete form), a description row, an italic status
// row, one row per condition (an unnamed ticked checkbox), an HR row; at
// the end the script that fills each hidden conditions input.
func (s *Server) writeUploadedLocked(p *page, t *texts) {
	listHead(p, t.Uploaded, "", t.ColName, t.ColType, t.ColVersion, t.ColPublished, t.ColAuthor, t.ColAction)
	var script strings.Builder
	for _, u := range s.uploaded {
		status, ready, hidden := s.uploadStatusLocked(t, u)
		if hidden {
			continue
		}
		led, class := "icon-ledgreen", ""
		if !ready {
			led, class = "icon-ledred", " error"
		}
		sp := u.spec
		p.raw("\t<tr class=\"oddListRowS1\">\n")
		td(p, `<div class="input-icon `+led+`"></div>`)
		td(p, htmlEscape(sp.Name))
		td(p, htmlEscape(t.typeLabel(sp.Type)))
		td(p, htmlEscape(sp.Version))
		td(p, htmlEscape(sp.PublishedDate))
		td(p, htmlEscape(sp.Author))
		p.raw("\t\t<td class=\"listViewTd\" rowspan=\"3\">\n")
		if ready {
			p.formStart("", "module", "UWizard", "action", "index", "source", u.source(), "perform", "prepare_install")
			p.printf("<input type=\"hidden\" id=\"%s\" name=\"conditions\" value=\"\">\n", htmlEscape(conditionID(sp)))
			p.button("submit", "input-button input-outer", "icon-accept", t.Install, "")
			p.raw("</form>\n")
		}
		p.formStart("", "module", "UWizard", "action", "index", "source", u.source(), "perform", "delete")
		p.printf("<button class=\"input-button input-outer\" type=\"submit\" onclick=\"return confirm('%s');\" style=\"vertical-align: top\">"+
			"<div class=\"input-icon icon-delete left\"></div><span class=\"input-label\">%s</span></button>\n</form>\n",
			htmlEscape(jsString(t.DeleteConfirm)), htmlEscape(t.Delete))
		p.raw("\t\t</td>\n\t</tr>\n")
		p.printf("\t<tr class=\"oddListRowS1\">\n\t\t<td class=\"listViewTd\" colspan=\"7\">\n\t\t\t<div class=\"listAddLine\">%s</div>\n\t\t</td>\n\t</tr>\n",
			htmlEscape(sp.Description))
		p.printf("\t<tr class=\"oddListRowS1\">\n\t\t<td class=\"listViewTd\" colspan=\"7\">\n\t\t\t<div class=\"listAddLine%s\" style=\"font-style:italic\">%s</div>\n\t\t</td>\n\t</tr>\n",
			class, htmlEscape(status))
		for _, c := range conditionsOf(sp) {
			p.printf("\t<tr class=\"oddListRowS1\">\n\t\t<td class=\"listViewTd\" colspan=\"1\">\n"+
				"\t\t\t<input onclick=\"update_condition($('%s'), '%s', this.checked)\" type=\"checkbox\" id=\"condition_%s\"  value=\"1\" checked=\"checked\" />\n"+
				"\t\t</td>\n\t\t<td class=\"listViewTd\" colspan=\"6\">\n\t\t\t<label for=\"condition_%s\">%s</label>\n\t\t</td>\n\t</tr>\n",
				htmlEscape(conditionID(sp)), htmlEscape(c), htmlEscape(c), htmlEscape(c), htmlEscape(conditionLabel(t, c)))
			fmt.Fprintf(&script, "$('%s').value += '%s|';\n", jsString(conditionID(sp)), jsString(c))
		}
		p.raw("\t<tr><td colspan=\"7\" class=\"listViewHRS1\"></td></tr>\n")
	}
	p.raw("</tbody>\n</table>\n<script type=\"text/javascript\">\n")
	p.raw(script.String())
	p.raw("function update_condition(input, name, inc)\n{\n\tvar items = input.value.split('|');\n\tvar found = 0;\n" +
		"\tfor (var i = 0; i < items.length; i++) {\n\t\tif (items[i] == name) found = i+1;\n\t}\n" +
		"\tif (found && !inc) items.splice(found - 1, 1);\n\telse if (!found && inc) items.push(name);\n" +
		"\tinput.value = items.join('|');\n}\n</script>\n")
}

// writeInstalledLocked is installed.tpl: per package a data row (grey
// LED; the action cell holds the uninstall form of uninstallable
// non-patch packages), a description row and an HR row.
func (s *Server) writeInstalledLocked(p *page, t *texts) {
	listHead(p, t.Installed, "", t.ColName, t.ColType, t.ColVersion, t.ColInstalled, t.ColAction)
	for _, ip := range s.installedNewestFirstLocked() {
		sp := ip.spec
		p.raw("\t<tr class=\"oddListRowS1\">\n")
		td(p, `<div class="input-icon icon-ledgrey"></div>`)
		td(p, htmlEscape(sp.Name))
		td(p, htmlEscape(t.typeLabel(sp.Type)))
		td(p, htmlEscape(sp.Version))
		td(p, htmlEscape(s.fmtISODate(ip.date)))
		p.raw("\t\t<td class=\"listViewTd\" rowspan=\"3\">\n")
		if ip.source != "" && sp.Type != "patch" {
			p.formStart("", "module", "UWizard", "action", "index", "source", ip.source, "perform", "prepare_uninstall")
			p.button("submit", "input-button input-outer", "icon-cancel", t.Uninstall, "")
			p.raw("</form>\n")
		}
		p.raw("\t\t</td>\n\t</tr>\n")
		p.printf("\t<tr class=\"oddListRowS1\">\n\t\t<td class=\"listViewTd\" colspan=\"7\">\n\t\t\t<div class=\"listAddLine\">%s</div>\n\t\t</td>\n\t</tr>\n",
			htmlEscape(sp.Description))
		p.raw("\t<tr><td colspan=\"7\" class=\"listViewHRS1\"></td></tr>\n")
	}
	p.raw("</tbody>\n</table>\n")
}

// conditionsOf lists a package's conditions in listUploadedPackages'
// order: modules, dropdowns, layout (manifest conditions), custom.
func conditionsOf(p PackageSpec) []string {
	var out []string
	for _, c := range []string{"modules", "dropdowns", "layout", "custom"} {
		for _, have := range p.Conditions {
			if have == c {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

func conditionLabel(t *texts, c string) string {
	switch c {
	case "modules":
		return t.CondModules
	case "dropdowns":
		return t.CondDropdowns
	case "layout":
		return t.CondLayout
	case "custom":
		return t.CondCustom
	}
	return c
}
