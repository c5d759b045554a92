import type { AnyRoute } from '@tanstack/react-router';
import type { AuditLabel } from '../../../src/contracts/common.js';
import type { Permission } from '../../../src/contracts/roles.js';
import type { CoreMessageKey } from './i18n.js';

/** A menu entry: shown to those holding `permission`, marked current on the addresses under `under`. */
export interface NavItem<FeatureKey extends string = string> {
  /** The entry's words: the shell's or the feature's own. */
  key: CoreMessageKey | FeatureKey;
  href: string;
  permission: Permission;
  /** Path prefixes (`/workers`) of the pages this entry stands for. */
  under: string[];
}

/**
 * What a feature brings to the web app: its routes (pages load lazily), its menu entries, its words in
 * both languages and its audit actions' labels. features/index.ts lists every feature; nothing else needs
 * to know it exists.
 */
export interface Feature<Words extends Record<string, string>> {
  routes: AnyRoute[];
  nav: NavItem<keyof Words & string>[];
  messages: { id: Words; en: Record<keyof Words, string> };
  /**
   * What the audit actions the feature writes are called (its contracts' labels, the same its server
   * manifest declares); the audit viewer folds every feature's.
   */
  auditLabels?: Readonly<Record<string, AuditLabel>>;
}

export function defineFeature<const Words extends Record<string, string>>(
  feature: Feature<Words>,
): Feature<Words> {
  return feature;
}
