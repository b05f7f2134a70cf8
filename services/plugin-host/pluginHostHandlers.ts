import { setTimeout as sleep } from 'node:timers/promises';
import type * as grpc from '@grpc/grpc-js';
import type { PluginService } from '../../core/plugin/pluginService.ts';
import {
  decodeAnalyzeRequest,
  decodeGenerateFixesRequest,
  decodeParseRequest,
  decodeTestCommandRequest,
  decodeValidateSyntaxRequest,
  encodeAnalysis,
  encodeDescriptions,
  encodeFixResult,
  encodeParsedTrace,
  encodeTestCommand,
} from '../shared/pluginCodec.ts';
import { toGrpcStatus } from '../shared/serviceErrors.ts';

export interface HandlerOptions {
  /** Test hook (config CALL_DELAY_MS): each call waits this long before calling the plugin. */
  callDelayMs: number;
  /** Told of every failed call, for the log. */
  onError?: (method: string, error: unknown) => void;
}

/**
 * homeostasis.v1.LanguagePlugin: each method decodes the request, calls the plugin service, encodes the answer.
 * No logic lives here (style note 2): the in-process plugin service is the one implementation.
 */
export function languagePluginHandlers(
  plugins: PluginService,
  options: HandlerOptions,
): grpc.UntypedServiceImplementation {
  const unary =
    (method: string, handle: (request: unknown) => Promise<unknown>) =>
    (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      const run = async () => {
        if (options.callDelayMs > 0) await sleep(options.callDelayMs);
        return handle(call.request);
      };
      run().then(
        (response) => callback(null, response),
        (error: unknown) => {
          options.onError?.(method, error);
          callback(toGrpcStatus(error));
        },
      );
    };

  return {
    Describe: unary('Describe', async () => encodeDescriptions(await plugins.describe())),
    ParseError: unary('ParseError', async (raw) =>
      encodeParsedTrace((await plugins.parse(decodeParseRequest(raw))).value),
    ),
    Analyze: unary('Analyze', async (raw) => ({
      analysis: encodeAnalysis((await plugins.analyze(decodeAnalyzeRequest(raw))).value),
    })),
    GenerateFixes: unary('GenerateFixes', async (raw) =>
      encodeFixResult((await plugins.generateFixes(decodeGenerateFixesRequest(raw))).value),
    ),
    ValidateSyntax: unary('ValidateSyntax', async (raw) => ({
      diagnostics: (await plugins.validateSyntax(decodeValidateSyntaxRequest(raw))).value,
    })),
    TestCommand: unary('TestCommand', async (raw) =>
      encodeTestCommand((await plugins.testCommand(decodeTestCommandRequest(raw))).value),
    ),
  };
}
