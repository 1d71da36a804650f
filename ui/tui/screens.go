package tui

import "github.com/visual4/1crm-update/steps"

// screenFor builds a fresh screen for the step that is due.
func (m *Model) screenFor(id steps.StepID) screen {
	switch id {
	case steps.StepConnect:
		return &connectScreen{}
	case steps.StepPreflight:
		return &preflightScreen{}
	case steps.StepPackage:
		return &packageScreen{}
	case steps.StepPath:
		return &pathScreen{}
	case steps.StepRefreshRequest:
		return &refreshScreen{}
	case steps.StepParity:
		return &parityScreen{}
	case steps.StepTimeGuard:
		return &timeGuardScreen{}
	case steps.StepBackup:
		return &backupScreen{}
	case steps.StepInstall:
		return &installScreen{}
	case steps.StepSmoke:
		return &smokeScreen{}
	case steps.StepChecklist:
		return &checklistScreen{}
	case steps.StepGoLive:
		return &goLiveScreen{}
	case steps.StepProblems:
		return &problemsScreen{}
	default:
		return &doneScreen{}
	}
}
