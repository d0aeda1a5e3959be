/**
 * coursekit-pages: a coursekit lesson or exercise reads like a page.
 *
 * A notebook whose metadata has `"coursekit": {"page": true}` (written by `coursekit generate`)
 * runs all its cells once when it opens, as soon as its kernel is ready, so the learner sees
 * text, figures and questions without choosing "Run All". It also gets the `ck-page` class:
 * its code cells' hidden inputs leave no placeholder and no In/Out prompts show (style/base.css).
 * Every other notebook is left exactly as it is.
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  INotebookTracker,
  NotebookActions,
  NotebookPanel
} from '@jupyterlab/notebook';

/** The class a page notebook's panel gets (style/base.css). */
export const PAGE_CLASS = 'ck-page';

/** True when the notebook's metadata marks it as a coursekit page. */
export function isPage(panel: NotebookPanel): boolean {
  const meta = panel.model?.getMetadata('coursekit') as
    | { page?: unknown }
    | undefined;
  return !!meta && meta.page === true;
}

/** Once the notebook is read: mark a page, then run its cells once its kernel is ready. */
async function openAsPage(panel: NotebookPanel): Promise<void> {
  await panel.context.ready;
  if (panel.isDisposed) {
    return;
  }
  // Said on the panel for tests and styles: "page", or "not-page" for a notebook left as it is.
  panel.node.dataset.ckPage = isPage(panel) ? 'page' : 'not-page';
  if (!isPage(panel)) {
    return;
  }
  panel.addClass(PAGE_CLASS);
  const session = panel.sessionContext;
  await session.ready;
  const kernel = session.session?.kernel;
  if (panel.isDisposed || !kernel) {
    return; // no kernel (the learner chose none): nothing to run
  }
  // The widget manager registers its comm target when the kernel is set; wait for the kernel's
  // first reply so that the widgets the cells make have a manager to show them.
  await kernel.info;
  if (panel.isDisposed) {
    return;
  }
  panel.node.dataset.ckPageRun = 'running';
  await NotebookActions.runAll(panel.content, session);
  panel.node.dataset.ckPageRun = 'done';
  // Leave the first cell active and the page at its top, as a reader expects.
  panel.content.activeCellIndex = 0;
  panel.content.deselectAll();
  await panel.content.scrollToItem(0, 'start');
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: 'coursekit-pages:plugin',
  description:
    'Runs a coursekit page notebook when it opens, with its code and prompts out of sight.',
  autoStart: true,
  requires: [INotebookTracker],
  activate: (_app: JupyterFrontEnd, tracker: INotebookTracker) => {
    // widgetAdded fires once for each notebook panel opened: each open runs the page once.
    tracker.widgetAdded.connect((_sender, panel) => {
      openAsPage(panel).catch(reason => {
        console.error('coursekit-pages: could not run the page', reason);
      });
    });
  }
};

export default plugin;
