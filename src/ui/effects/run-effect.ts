// The effect runner: the only place the guided install calls InstallerServices. Each effect the
// reducer queued runs here, and its result comes back as an action. Long work (discovery, scan,
// deploy) is tied to an AbortController, so cancelling or leaving stops it.
import type { EngineEvent } from '../../types/events.js';
import type { InstallerServices } from '../services.js';
import { DeployModel, runVerb } from '../state/deploy-model.js';
import type { Effect } from '../state/types.js';
import type { Action } from '../state/wizard.js';
import { printableDeep } from '../../text/printable.js';

/** What running effects needs from the App. */
export interface EffectContext {
  services: InstallerServices;
  dispatch: (action: Action) => void;
  /** Holds the dashboard model of the current (or last) deploy. */
  deploy: { model: DeployModel };
  /** Running long effects by kind. */
  controllers: Map<'discover' | 'scan' | 'deploy', AbortController>;
  /** Leaves the app (the App's one exit site). */
  exit: (code: number, message: string | null) => void;
}

/** A sentence from anything thrown. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function controllerFor(ctx: EffectContext, kind: 'discover' | 'scan' | 'deploy'): AbortController {
  ctx.controllers.get(kind)?.abort();
  const controller = new AbortController();
  ctx.controllers.set(kind, controller);
  return controller;
}

/** Runs one effect to its end; never rejects (failures become actions). */
export async function runEffect(effect: Effect, ctx: EffectContext): Promise<void> {
  const { services, dispatch } = ctx;
  switch (effect.kind) {
    case 'load-preset': {
      try {
        dispatch({ type: 'preset/loaded', load: await services.loadPreset(effect.file) });
      } catch (error) {
        dispatch({
          type: 'preset/loaded',
          load: {
            file: effect.file,
            spec: null,
            answered: [],
            findings: [
              {
                id: 'preset.read',
                severity: 'fail',
                subject: effect.file,
                message: errorText(error),
                fix: 'Check the path and that the file is readable.',
              },
            ],
          },
        });
      }
      return;
    }
    case 'list-deployments': {
      try {
        dispatch({ type: 'deployments/listed', list: await services.listDeployments(), error: null });
      } catch (error) {
        dispatch({ type: 'deployments/listed', list: [], error: errorText(error) });
      }
      return;
    }
    case 'load-deployment': {
      try {
        const data = await services.loadDeployment(effect.name);
        dispatch({
          type: 'deployment/loaded',
          purpose: effect.purpose,
          data,
          error: data ? null : `"${effect.name}" has no saved answers (it never ran).`,
        });
      } catch (error) {
        dispatch({ type: 'deployment/loaded', purpose: effect.purpose, data: null, error: errorText(error) });
      }
      return;
    }
    case 'discover': {
      const controller = controllerFor(ctx, 'discover');
      try {
        for await (const host of services.discover(effect.targets, effect.ssh, controller.signal)) {
          if (controller.signal.aborted) return;
          dispatch({ type: 'discover/result', host });
        }
        if (!controller.signal.aborted) dispatch({ type: 'discover/done', error: null });
      } catch (error) {
        if (!controller.signal.aborted) dispatch({ type: 'discover/done', error: errorText(error) });
      } finally {
        if (ctx.controllers.get('discover') === controller) ctx.controllers.delete('discover');
      }
      return;
    }
    case 'accept-key': {
      try {
        await services.acceptHostKey(effect.host, effect.ssh);
        dispatch({ type: 'key/accepted', address: effect.address, port: effect.port, error: null });
      } catch (error) {
        dispatch({ type: 'key/accepted', address: effect.address, port: effect.port, error: errorText(error) });
      }
      return;
    }
    case 'scan': {
      const controller = controllerFor(ctx, 'scan');
      const hosts = effect.spec.hosts.filter((h) => effect.hosts.includes(h.name));
      try {
        for await (const row of services.scan(hosts, effect.spec.ssh, controller.signal)) {
          if (controller.signal.aborted) return;
          dispatch({ type: 'scan/row', row });
        }
        if (!controller.signal.aborted) dispatch({ type: 'scan/done', error: null });
      } catch (error) {
        if (!controller.signal.aborted) dispatch({ type: 'scan/done', error: errorText(error) });
      } finally {
        if (ctx.controllers.get('scan') === controller) ctx.controllers.delete('scan');
      }
      return;
    }
    case 'preview': {
      try {
        dispatch({ type: 'preview/loaded', preview: await services.preview(effect.spec, effect.facts, effect.flow, effect.newHosts) });
      } catch (error) {
        dispatch({ type: 'preview/loaded', preview: { files: [], phases: [], target: '', problems: [errorText(error)] } });
      }
      return;
    }
    case 'config-diff': {
      try {
        dispatch({
          type: 'config-diff/loaded',
          id: effect.id,
          lines: printableDeep(await services.configDiff(effect.spec, effect.facts)),
          error: null,
        });
      } catch (error) {
        dispatch({ type: 'config-diff/loaded', id: effect.id, lines: null, error: errorText(error) });
      }
      return;
    }
    case 'cloud-usage': {
      try {
        const answer = await services.cloudUsage(effect.spec, effect.facts, effect.remove, effect.dead);
        dispatch({
          type: 'cloud-usage/loaded',
          id: effect.id,
          answer: answer && { usage: answer.usage, notes: printableDeep(answer.notes) },
          error: null,
        });
      } catch (error) {
        dispatch({ type: 'cloud-usage/loaded', id: effect.id, answer: null, error: errorText(error) });
      }
      return;
    }
    case 'deploy': {
      const controller = controllerFor(ctx, 'deploy');
      const model = new DeployModel(runVerb(effect.request.flow));
      ctx.deploy.model = model;
      // Task output, host names and messages come from hosts: escaped before the screen shows them.
      const sink = (event: EngineEvent): void => model.apply(printableDeep(event));
      try {
        const outcome = await services.deploy(effect.request, sink, controller.signal);
        dispatch({ type: 'deploy/ended', outcome, error: null });
      } catch (error) {
        dispatch({ type: 'deploy/ended', outcome: null, error: errorText(error) });
      } finally {
        if (ctx.controllers.get('deploy') === controller) ctx.controllers.delete('deploy');
      }
      return;
    }
    case 'cancel': {
      const reason = effect.reason ? Object.assign(new Error(effect.reason), { name: 'AbortError' }) : undefined;
      ctx.controllers.get(effect.what)?.abort(reason);
      return;
    }
    case 'set-secret':
      // synchronous: the scan or discovery queued after it already finds the variable set
      services.setSecret(effect.name, effect.value);
      return;
    case 'write-preset': {
      try {
        dispatch({ type: 'preset/written', path: await services.writePreset(effect.spec), error: null });
      } catch (error) {
        dispatch({ type: 'preset/written', path: null, error: errorText(error) });
      }
      return;
    }
    case 'exit':
      for (const c of ctx.controllers.values()) c.abort();
      ctx.exit(effect.code, effect.message);
      return;
  }
}
