// Package sim is the 1CRM simulator: a real net/http server for the tests,
// `1crm-update sim` and `1crm-update --demo`. It renders the pages with the
// STRUCTURE of the real product (same elements, nesting, classes, hidden
// field names, row layout, sentences), written from the real 7.x source
// (danmarcomp/iah3: modules/Users, UWizard, LicenseInfo, Configurator,
// Administration/backup_utils.php) and the 7.x language files
// (fcoach66/1crm_open_translations en/ and de/), never from what a client
// expects. State lives in memory, except the backup ZIPs a run writes (a
// per-server temp dir, removed by Close; see Server.BackupFile); the clock
// is injectable (Options.Now, ONECRM_UPDATE_NOW in Main). Every failure
// mode of spec §10.1 is switched on by a Scenario (built-in or JSON file).
//
// URL map (below Options.BasePath):
//
//	api.php/...                 REST API, PATH_INFO routing (§1)
//	index.php?module=Users&action=Login|Authenticate|Logout   session (§2)
//	login.php, json.php?action=login|check_for_updates      8x only
//	index.php?module=LicenseInfo&action=index                 License page (§3)
//	index.php?module=Configurator&action=EditView&layout=Backup  Backup (§4)
//	index.php?module=UWizard&action=index  list + POST perform=upload|delete|
//	                            prepare_install|install|prepare_uninstall|uninstall (§5)
//	upgrade.php                 one install step per request (flows below)
//	download/updates/<file>.zip the Available Updates packages (real ZIPs)
//
// # Dialects (Scenario.Dialect, `sim --dialect`)
//
// "7x" (the default everywhere) follows the 7.x source. Login: the
// Users/Login form (LoginForm: hidden module=Users, action=Authenticate,
// return_module, return_action, login_module…; user_name, user_password,
// user_theme, user_language, button login_button). POST Authenticate
// always answers "Location: index.php"; only a successful login with
// login_module posted adds "?module=M&action=A[&record=R]" (js_enabled
// posted as a false value: Home/JSDisabled). A refused login leaves
// ERR_INVALID_PASSWORD in the session; index.php then redirects to the
// login page, which shows it in span#error_message. login_language (not
// user_language) sets the session's UI language (Login.IgnoreLanguage
// ignores it). There is no json.php (404) and no login.php.
//
// "8x" follows what public test suites show of current 1CRM Cloud: the
// login page login.php (user_name/user_password with ids login_user,
// login_pass; selects login_theme, login_lang; button login_button);
// unauthenticated GET and POST requests are redirected to
// login.php?login_module=M&login_action=A (Home/index for the bare URL);
// the browser logs in by POST json.php?action=login (JSON or form body:
// username, password, language, login_module, login_action, …) answered
// with {"result":"ok","json_session_id","user_id","session_name",
// "redirect"} or {"result":"error","message":…}. A CSRF cookie
// (Login.CSRFCookie, default "onecrm_csrf", not HttpOnly) is set on the
// first answer; every POST to index.php, json.php, upgrade.php and
// login.php must carry its value in the X-OneCRM-CSRF-Token header, else
// 403 with a short error page. Login.Captcha shows the "I'm a human"
// widget (<div id="cap">) never, always or after N failed logins; while it
// is shown every login fails (the simulator cannot be solved by a
// client). No 8.x markup of the admin pages is public: in 8x the License,
// Backup and Upgrade Wizard pages keep the 7x structure.
//
// # Pages
//
// Upgrade Wizard (index.php, uploaded.tpl, installed.tpl): the upload
// answer's message box is index.php's "tabForm flashMessage" table (LED
// icon-ledgreen/icon-ledred, coloured span, inside a td) printed before
// the module title. Each uploaded package takes a data row (the action
// cell, rowspan=3, holds the perform=prepare_install form with hidden
// source and an empty hidden conditions input, id
// conditions_<type>_<id>_<version>, only when installable, and the
// perform=delete form), a description row, an italic status row
// ("Package is ready for installation", ERR_OUTDATED, ERR_INVALID_VERSION),
// one row per condition (an unnamed ticked checkbox id=condition_<name>)
// and an HR row; a script at the end adds "<name>|" to each conditions
// input. Type labels are module_types_dom (German: Modul, Sprache, …). A
// package whose version is installed is hidden. Installed packages take a
// data row, a description row and an HR row, newest first, patches
// included.
//
// Prepare (prepareResult.tpl): steps unzipPackage, precopy (a patch with
// early files, unless "precopy" is in the posted confirm list),
// checkSystem (module, patch, pers_pack), checkPermissions, stopping at
// the first non-success. Each step is a bordered block with
// "<h4><div class=input-icon icon-led…></div> Step N: label</h4>" and the
// real sentences; checkSystem has a messages table. The last block of a
// warning holds a form with perform=prepare_install, hidden confirm and a
// "Proceed" button whose onclick appends ",<step>" to confirm; only a
// finished prepare has the perform=install form (top and bottom).
// precopy always ends as a warning asking for a restart. Confirmations
// are also kept in the session until the list page is shown. The posted
// conditions replace the session's on every prepare POST (the warning
// form carries none). 7.x beginInstall does not check the prepare: the
// simulator accepts perform=install for any valid source and counts it
// in Counters.InstallsUnprepared.
//
// Install: perform=install sets the lock (site.upgrade_in_progress, non-
// admin logins refused) and answers "Redirecting to complete the
// installation...<script>document.location.href='upgrade.php';</script>".
// upgrade.php is not public; the steps follow UWizard::runCommitStep:
// commit (files, history row, /version for a core patch), each hooks.commit
// step, postcommit, cleanup (lock cleared, "Restored system access for
// users"). Scenario.UpgradeFlow (`sim --upgrade-flow`) chooses how the
// browser advances: "script" (each step page ends with the script
// location; the final page has the "Return to Packages List" button),
// "form" (each step page carries buttons.tpl's Next form, POST index.php
// uw_step=N+1 perform=install; a GET only shows the current page again)
// or "xhr" (a progress page whose script POSTs upgrade.php?ajax=1&step=N
// and gets JSON). A failed step shows LBL_STEP_FAILED, its errors and the
// Retry form (uw_step, retry=1); the lock stays. Without an upgrade in
// progress upgrade.php redirects to the list.
//
// Backup (EditView.php): record_perform=runbackup answers only
// <script nodisplay>SUGAR.util.loadUrl("…layout=Backup", "Backup
// Complete")</script>, failures too; the BackupHistoryWidget table
// (id backup_history) lists "N. <path>" and "(<size>)".
//
// Expired support: the manager shows MSG_LIC_UPGRADES_DISABLED, the
// "Redirecting to Home page in 5..." line and a script that loads Home
// (Faults.UpgradesDisabledRedirect: a plain 302 to Home instead).
//
// Language: a German UI (Scenario.Language "de" or login_language de_DE)
// shows what the 2014 German pack translated (lists such as the type
// labels and backup filter options, application strings such as
// MSG_LIC_UPGRADES_DISABLED, ERR_NOT_ADMIN, LBL_LOGIN_FAILED, buttons)
// and English where the pack kept the modules untranslated (UWizard,
// LicenseInfo, Configurator, Users).
//
// Pages carry only the ids the real templates have (login_button,
// error_row, error_message, condition_*, conditions_*, backup_history,
// updates_table, check_updates; 8x: login_user, login_pass, login_theme,
// login_lang, cap) and no data- attributes. Faults.UnknownMarkup renders
// a chosen answer (login, list, upload, prepare, install, backup) in a
// markup with none of that structure, to test that a client fails closed.
// Where the real behaviour is unknown the simulator's convention is
// documented at the code that implements it ("sim" wording, upgrade.php,
// the error pages).
package sim
