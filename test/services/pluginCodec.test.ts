import { describe, expect, it } from 'vitest';
import { InProcessPluginService } from '../../core/plugin/inProcessPluginService.ts';
import { createRegistry } from '../../plugins/index.ts';
import { javascriptPlugin } from '../../plugins/javascript/index.ts';
import {
  decodeAnalysis,
  decodeFixResult,
  decodeGenerateFixesRequest,
  decodeParsedTrace,
  encodeAnalysis,
  encodeFixResult,
  encodeGenerateFixesRequest,
  encodeParsedTrace,
} from '../../services/shared/pluginCodec.ts';
import { loadProtos } from '../../services/shared/protoLoader.ts';
import { runNodeCrash } from './nodeCrash.ts';

/** Through the real proto serializers, as a call would carry it. */
function overTheWire(method: string, direction: 'request' | 'response', message: unknown): unknown {
  const def = loadProtos().languagePlugin[method]!;
  return direction === 'request'
    ? def.requestDeserialize(def.requestSerialize(message))
    : def.responseDeserialize(def.responseSerialize(message));
}

describe('pluginCodec', () => {
  const service = new InProcessPluginService(createRegistry([javascriptPlugin]));
  const crash = runNodeCrash();

  it('carries a parsed V8 trace (null line, column, module, runtime) unchanged', async () => {
    const trace = (await service.parse({ language: 'javascript', excerpt: crash.excerpt })).value;
    expect(trace?.frames.length).toBeGreaterThan(1);
    const withNulls = { ...trace!, frames: [...trace!.frames, { ...trace!.frames[0]!, line: null, column: null }] };
    expect(decodeParsedTrace(overTheWire('ParseError', 'response', encodeParsedTrace(withNulls)))).toEqual(withNulls);
    expect(decodeParsedTrace(overTheWire('ParseError', 'response', encodeParsedTrace(null)))).toBeNull();
  });

  it('carries an analysis, with and without a matched rule', async () => {
    const matched = (
      await service.analyze({
        language: 'javascript',
        errorType: 'TypeError',
        message: "Cannot read properties of undefined (reading 'name')",
      })
    ).value;
    const unmatched = (await service.analyze({ language: 'javascript', errorType: 'Weird', message: 'nothing known' }))
      .value;
    expect(matched.ruleId).not.toBeNull();
    expect(unmatched.ruleId).toBeNull();
    for (const analysis of [matched, unmatched]) {
      const wire = overTheWire('Analyze', 'response', { analysis: encodeAnalysis(analysis) }) as { analysis: unknown };
      expect(decodeAnalysis(wire.analysis)).toEqual(analysis);
    }
  });

  it('carries a GenerateFixes request and its candidates', async () => {
    const trace = (await service.parse({ language: 'javascript', excerpt: crash.excerpt })).value!;
    const analysis = (
      await service.analyze({ language: 'javascript', errorType: trace.errorType, message: trace.message })
    ).value;
    const request = {
      language: 'javascript' as const,
      errorType: trace.errorType,
      analysis,
      sourceFrames: trace.frames.map((f) => ({ ...f, file: f.file.replace(`${crash.dir}/`, '') })),
      files: [
        { path: crash.file, text: crash.source },
        { path: 'README.md', text: null },
      ],
    };
    expect(
      decodeGenerateFixesRequest(overTheWire('GenerateFixes', 'request', encodeGenerateFixesRequest(request))),
    ).toEqual(request);
    const result = (await service.generateFixes(request)).value;
    expect(result.candidates.length).toBeGreaterThan(0);
    expect(decodeFixResult(overTheWire('GenerateFixes', 'response', encodeFixResult(result)))).toEqual(result);
  });

  it('rejects a request naming an unknown language', () => {
    const wire = overTheWire('GenerateFixes', 'request', { language: 'cobol', errorType: 'X' });
    expect(() => decodeGenerateFixesRequest(wire)).toThrow(/language/);
  });
});
