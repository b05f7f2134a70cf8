import type { LanguagePlugin } from '../core/plugin/languagePlugin.ts';
import { PluginRegistry } from '../core/plugin/pluginRegistry.ts';
import { RuleIndex } from '../core/rules/ruleIndex.ts';
import { csharpPlugin } from './csharp/index.ts';
import { goPlugin } from './go/index.ts';
import { javaPlugin } from './java/index.ts';
import { javascriptPlugin } from './javascript/index.ts';
import { phpPlugin } from './php/index.ts';
import { pythonPlugin } from './python/index.ts';
import { rubyPlugin } from './ruby/index.ts';
import { rustPlugin } from './rust/index.ts';

/** Every language plugin this build ships. A plugin host serves a configured subset. */
export const ALL_PLUGINS: readonly LanguagePlugin[] = [
  javascriptPlugin,
  goPlugin,
  javaPlugin,
  pythonPlugin,
  rustPlugin,
  rubyPlugin,
  phpPlugin,
  csharpPlugin,
];

export function createRegistry(plugins: readonly LanguagePlugin[] = ALL_PLUGINS): PluginRegistry {
  const index = new RuleIndex(
    plugins.map((p) => p.rules),
    { aliases: { typescript: 'javascript' } },
  );
  return new PluginRegistry(plugins, index);
}
