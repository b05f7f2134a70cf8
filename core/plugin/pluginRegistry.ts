import type { TraceBlockDetector } from '../extract/extractedError.ts';
import type { Analysis } from '../rules/analysis.ts';
import type { Language } from '../schema/taxonomy.ts';
import type { LanguagePlugin } from './languagePlugin.ts';

/** Classifies an error by the rules of its language. The rule engine's index implements it. */
export interface Analyzer {
  analyze(language: Language, errorType: string, message: string): Analysis;
}

export class UnsupportedLanguageError extends Error {
  override name = 'UnsupportedLanguageError';
}

/** The languages a process serves: the embedded CLI loads all of them, a plugin host the configured ones. */
export class PluginRegistry {
  private readonly byLanguage = new Map<Language, LanguagePlugin>();

  constructor(
    plugins: readonly LanguagePlugin[],
    readonly analyzer: Analyzer,
  ) {
    for (const plugin of plugins) {
      this.byLanguage.set(plugin.language, plugin);
      for (const alias of plugin.aliases) this.byLanguage.set(alias, plugin);
    }
  }

  get plugins(): LanguagePlugin[] {
    return [...new Set(this.byLanguage.values())];
  }

  get detectors(): TraceBlockDetector[] {
    return this.plugins.map((p) => p.detector);
  }

  find(language: Language): LanguagePlugin | null {
    return this.byLanguage.get(language) ?? null;
  }

  get(language: Language): LanguagePlugin {
    const plugin = this.find(language);
    if (!plugin) throw new UnsupportedLanguageError(`no plugin serves ${language}`);
    return plugin;
  }
}
