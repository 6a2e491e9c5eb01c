/**
 * The Settings form's state: the saved settings and rules, the user's edits over them
 * (settings-edits.ts), the outcome of the last save per part, and the actions (edit, Save, Discard,
 * the resets). While edits are unsaved, leaving Settings asks first (useLeaveGuard). Used by
 * SettingsView, RuleSettings and RuleCard.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { RuleValue, RuleView } from '../../../../shared/ipc/channels/rules';
import type { StatusNote } from '../../components/StatusText';
import { call, errorText } from '../../lib/api';
import { useApp } from '../../lib/context';
import { useLeaveGuard } from '../../lib/navigation';
import { useLive } from '../../lib/useApi';
import {
  NO_EDITS,
  changeCount,
  changedGeneral,
  changedRules,
  dropRule,
  editRule,
  shownGeneral,
  unreadableRules,
  type SettingsEdits,
} from './settings-edits';
import { toPatch, type Draft } from './settings-form';

export interface SettingsForm {
  /** The general form as shown (null until the settings are loaded). */
  general: Draft | null;
  rules: RuleView[] | null;
  rulesError: string | null;
  reloadRules: () => void;
  edits: SettingsEdits;
  /** Fields edited and not saved. */
  unsaved: number;
  busy: boolean;
  /** Outcome of the last save or reset of the general settings, of each rule, and of "reset all". */
  status: { general: StatusNote | null; rules: Record<string, StatusNote>; all: StatusNote | null };
  setGeneral: <K extends keyof Draft>(key: K, value: Draft[K]) => void;
  setRule: (ruleId: string, key: string, value: RuleValue) => void;
  /** Saves every edit; false when something was refused (it stays edited, with the reason). */
  save: () => Promise<boolean>;
  discard: () => void;
  restoreGeneral: () => Promise<void>;
  resetRule: (ruleId: string) => Promise<void>;
  resetAllRules: () => Promise<void>;
}

export function useSettingsForm(): SettingsForm {
  const { settings, updateSettings, resetSettings } = useApp();
  const loaded = useLive(() => call('allocation:get').then((v) => v.rules), []);
  const [answered, setAnsweredState] = useState<{ rules: RuleView[]; over: RuleView[] | undefined } | null>(null);
  const [edits, setEdits] = useState<SettingsEdits>(NO_EDITS);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<SettingsForm['status']>({ general: null, rules: {}, all: null });
  // The rules main answered to the last save or reset, until the rules are loaded again.
  const rules = answered && answered.over === loaded.data ? answered.rules : (loaded.data ?? null);
  const loadedRules = useRef(loaded.data);
  loadedRules.current = loaded.data;
  const setAnswered = useCallback((r: RuleView[]) => setAnsweredState({ rules: r, over: loadedRules.current }), []);
  const unsaved = changeCount(edits, settings, rules ?? []);

  const setGeneral = useCallback(
    <K extends keyof Draft>(key: K, value: Draft[K]) => {
      if (!settings) return;
      setEdits((e) => ({ ...e, general: { ...shownGeneral(e, settings), [key]: value } }));
      setStatus((s) => ({ ...s, general: null }));
    },
    [settings],
  );
  const setRule = useCallback((ruleId: string, key: string, value: RuleValue) => {
    setEdits((e) => editRule(e, ruleId, key, value));
    setStatus((s) => ({ ...s, rules: withoutKey(s.rules, ruleId) }));
  }, []);

  const save = useCallback(async (): Promise<boolean> => {
    if (!settings || !rules) return false;
    const unreadable = unreadableRules(edits, rules);
    if (unreadable.length > 0) {
      const note: StatusNote = { kind: 'error', text: 'Enter a number in every field.' };
      setStatus((s) => ({ ...s, rules: { ...s.rules, ...Object.fromEntries(unreadable.map((r) => [r.id, note])) } }));
      return false;
    }
    setBusy(true);
    let ok = true;
    let next = edits;
    const notes: SettingsForm['status'] = { general: null, rules: {}, all: null };
    try {
      if (changedGeneral(edits, settings).length > 0 && edits.general) {
        try {
          await updateSettings(toPatch(edits.general));
          next = { ...next, general: null };
          notes.general = { kind: 'ok', text: 'Settings saved.' };
        } catch (err) {
          ok = false;
          notes.general = { kind: 'error', text: errorText(err) };
        }
      }
      let latest: RuleView[] | null = null;
      for (const { rule, patch } of changedRules(edits, rules)) {
        try {
          latest = await call('rules:update', { ruleId: rule.id, settings: patch });
          next = dropRule(next, rule.id);
          notes.rules[rule.id] = { kind: 'ok', text: 'Saved.' };
        } catch (err) {
          ok = false;
          notes.rules[rule.id] = { kind: 'error', text: errorText(err) };
        }
      }
      if (latest) setAnswered(latest);
      // Only general edits equal to what is saved may go: the rest is the user's to fix.
      setEdits(next.general && changedGeneral(next, settings).length === 0 ? { ...next, general: null } : next);
      setStatus(notes);
      return ok;
    } finally {
      setBusy(false);
    }
  }, [settings, rules, edits, updateSettings, setAnswered]);

  const discard = useCallback(() => {
    setEdits(NO_EDITS);
    setStatus({ general: null, rules: {}, all: null });
  }, []);

  const restoreGeneral = useCallback(async () => {
    try {
      await resetSettings();
      setEdits((e) => ({ ...e, general: null }));
      setStatus((s) => ({ ...s, general: { kind: 'ok', text: 'Defaults restored.' } }));
    } catch (err) {
      setStatus((s) => ({ ...s, general: { kind: 'error', text: errorText(err) } }));
    }
  }, [resetSettings]);

  const resetRule = useCallback(
    async (ruleId: string) => {
      try {
        setAnswered(await call('rules:reset', { ruleId }));
        setEdits((e) => dropRule(e, ruleId));
        setStatus((s) => ({ ...s, rules: { ...s.rules, [ruleId]: { kind: 'ok', text: 'Defaults restored.' } } }));
      } catch (err) {
        setStatus((s) => ({ ...s, rules: { ...s.rules, [ruleId]: { kind: 'error', text: errorText(err) } } }));
      }
    },
    [setAnswered],
  );

  const resetAllRules = useCallback(async () => {
    try {
      setAnswered(await call('rules:reset', {}));
      setEdits((e) => ({ ...e, rules: {} }));
      setStatus((s) => ({ ...s, rules: {}, all: { kind: 'ok', text: 'All rules restored to their defaults.' } }));
    } catch (err) {
      setStatus((s) => ({ ...s, all: { kind: 'error', text: errorText(err) } }));
    }
  }, [setAnswered]);

  const guard = useMemo(
    () =>
      unsaved > 0
        ? {
            what: `${unsaved === 1 ? 'One change' : `${unsaved} changes`} in Settings are not saved yet.`,
            save,
            discard,
          }
        : null,
    [unsaved, save, discard],
  );
  useLeaveGuard(guard);

  return {
    general: settings ? shownGeneral(edits, settings) : null,
    rules,
    rulesError: loaded.error,
    reloadRules: loaded.reload,
    edits,
    unsaved,
    busy,
    status,
    setGeneral,
    setRule,
    save,
    discard,
    restoreGeneral,
    resetRule,
    resetAllRules,
  };
}

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  const out = { ...record };
  delete out[key];
  return out;
}
