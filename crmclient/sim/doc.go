// Package sim is the 1CRM simulator: a real net/http server that reproduces
// the interfaces of spec/1crm-interfaces.md in shape, for the tests,
// `1crm-update sim` and `1crm-update --demo`. State lives in memory, except
// the backup ZIPs a run writes (a per-server temp dir, removed by Close; see
// Server.BackupFile); the clock is injectable (Options.Now,
// ONECRM_UPDATE_NOW in Main). Every failure mode of spec §10.1 is switched
// on by a Scenario (built-in or JSON file).
//
// URL map (below Options.BasePath):
//
//	api.php/...                 REST API, PATH_INFO routing (§1)
//	index.php?module=Users&action=Login|Authenticate|Logout   session (§2)
//	index.php?module=LicenseInfo&action=index                 License page (§3)
//	index.php?module=Configurator&action=EditView&layout=Backup  Backup (§4)
//	index.php?module=UWizard&action=index  list + POST perform=upload|delete|
//	                            prepare_install|install|prepare_uninstall|uninstall (§5)
//	upgrade.php?uw_run=T&step=N one commit step per request (§5.4 convention)
//	download/updates/<file>.zip the Available Updates packages (real ZIPs)
//
// Pages follow the 7.x look: an <h2> page title, a message box of <p>
// lines above the content, sections under <h3> headings, tables with a <th>
// header row, forms posting to index.php with hidden inputs. There are no
// ids or data- attributes: a client must find things by heading, label and
// field name, as on a real instance. The page language is the scenario's,
// or the user_language chosen at login (en_us, de_de) for that session.
// Conventions where the real behaviour is
// unknown are the ones the spec names "assumed"; they are documented at the
// code that implements them.
package sim
