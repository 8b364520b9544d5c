// mleprep's JupyterLab front-end: the attempt's clock in the top bar, Check and Submit on an attempt's
// notebook, and mock interviews from the launcher. Everything it shows comes from mleprep's server
// extension (mleprep/lab/server_extension.py), which calls the same library functions as the CLI.
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, MainAreaWidget, WidgetTracker } from '@jupyterlab/apputils';
import { ILauncher } from '@jupyterlab/launcher';
import { checkIcon, listIcon } from '@jupyterlab/ui-components';

import { AttemptActions, AttemptToolbar, CHECK, SUBMIT } from './attemptActions';
import { CheckPanel } from './checkPanel';
import { AttemptClock, ClockWidget } from './clock';
import { MockInterviewPanel } from './mockPanel';

const MOCK = 'mleprep:mock-interview';

function currentPath(app: JupyterFrontEnd): string {
  const widget = app.shell.currentWidget as any;
  return widget?.context?.path ?? '';
}

const attemptPlugin: JupyterFrontEndPlugin<void> = {
  id: 'mleprep-lab:attempt',
  description: "The timed take-home's clock in the top bar, and Check and Submit on its notebook.",
  autoStart: true,
  optional: [ICommandPalette],
  activate: (app: JupyterFrontEnd, palette: ICommandPalette | null) => {
    const clock = new AttemptClock();
    const widget = new ClockWidget(clock, () => currentPath(app));
    app.shell.add(widget, 'top', { rank: 1000 });
    app.shell.currentChanged?.connect(() => widget.render());

    const checkPanel = new CheckPanel(id => app.shell.activateById(id));
    checkPanel.title.icon = checkIcon;
    const actions = new AttemptActions(app, clock, checkPanel);
    actions.addCommands();
    app.docRegistry.addWidgetExtension('Notebook', new AttemptToolbar(clock, actions));
    for (const command of [CHECK, SUBMIT]) {
      palette?.addItem({ command, category: 'mleprep' });
    }
  }
};

const mockPlugin: JupyterFrontEndPlugin<void> = {
  id: 'mleprep-lab:mock-interview',
  description: 'Mock interviews (recruiter screen, hiring manager) with a review after each answer.',
  autoStart: true,
  optional: [ILauncher, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    launcher: ILauncher | null,
    palette: ICommandPalette | null
  ) => {
    const tracker = new WidgetTracker<MainAreaWidget<MockInterviewPanel>>({ namespace: 'mleprep-mock' });
    app.commands.addCommand(MOCK, {
      label: 'Mock Interview',
      caption: 'Practise the recruiter screen or the hiring-manager round against the clock',
      icon: listIcon,
      execute: () => {
        const widget = new MainAreaWidget({ content: new MockInterviewPanel() });
        widget.id = `mleprep-mock-${Date.now()}`;
        widget.title.label = 'Mock interview';
        widget.title.icon = listIcon;
        widget.title.closable = true;
        void tracker.add(widget);
        app.shell.add(widget, 'main');
        app.shell.activateById(widget.id);
        return widget;
      }
    });
    launcher?.add({ command: MOCK, category: 'mleprep', rank: 1 });
    palette?.addItem({ command: MOCK, category: 'mleprep' });
  }
};

export default [attemptPlugin, mockPlugin];
