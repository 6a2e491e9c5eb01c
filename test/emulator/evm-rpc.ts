/**
 * EVM JSON-RPC for the watch-only wallet tests: eth_chainId, eth_blockNumber, eth_getBalance and eth_call
 * to Multicall3's `aggregate3` (each inner call an ERC-20 `balanceOf`) or to the ENS universal resolver's
 * `resolveWithGateways` (an `addr(node)` lookup); single requests and JSON-RPC batches. Calldata is
 * decoded and answers encoded with viem's ABI helpers. Served by chain-server.ts.
 */
import {
  decodeFunctionData,
  encodeAbiParameters,
  encodeErrorResult,
  encodeFunctionResult,
  erc20Abi,
  multicall3Abi,
  namehash,
  parseAbi,
  toHex,
  type Hex,
} from 'viem';
import type { EvmChainState, EvmState } from './chain-types';

const MULTICALL3 = '0xca11bde05977b3631167028862be2a173976ca11';
const UNIVERSAL_RESOLVER = '0xeeeeeeee14d718c2b47d9923deab1335e144eeee';
const resolverAbi = parseAbi([
  'function resolveWithGateways(bytes name, bytes data, string[] gateways) view returns (bytes, address)',
  'function addr(bytes32 node) view returns (address)',
  'error ResolverNotFound(bytes name)',
]);

/** A revert carrying its encoded error, as a node reports one. */
class Revert extends Error {
  constructor(readonly data: Hex) {
    super('execution reverted');
  }
}

interface RpcRequest {
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

const ok = (id: unknown, result: unknown) => ({ jsonrpc: '2.0', id, result });
const fail = (id: unknown, message: string) => ({ jsonrpc: '2.0', id, error: { code: -32601, message } });

function call(evm: EvmState, chain: EvmChainState, chainId: number, to: string, data: Hex): Hex {
  if (to === MULTICALL3) {
    const { functionName, args } = decodeFunctionData({ abi: multicall3Abi, data });
    if (functionName !== 'aggregate3') throw new Error(`unsupported multicall function ${functionName}`);
    const results = args[0].map((c) => {
      try {
        const inner = decodeFunctionData({ abi: erc20Abi, data: c.callData });
        if (inner.functionName !== 'balanceOf') throw new Error('not balanceOf');
        const token = chain.tokens.get(c.target.toLowerCase());
        if (!token) return { success: false, returnData: '0x' as Hex };
        const amount = token.get((inner.args[0] as string).toLowerCase()) ?? 0n;
        return {
          success: true,
          returnData: encodeFunctionResult({ abi: erc20Abi, functionName: 'balanceOf', result: amount }),
        };
      } catch {
        return { success: false, returnData: '0x' as Hex };
      }
    });
    return encodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', result: results });
  }
  if (to === UNIVERSAL_RESOLVER && chainId === 1) {
    const { args } = decodeFunctionData({ abi: resolverAbi, data });
    const inner = decodeFunctionData({ abi: resolverAbi, data: args[1] as Hex });
    const node = inner.args[0] as Hex;
    const match = [...evm.ens].find(([name]) => namehash(name) === node);
    if (!match) {
      throw new Revert(encodeErrorResult({ abi: resolverAbi, errorName: 'ResolverNotFound', args: [args[0] as Hex] }));
    }
    const result = encodeFunctionResult({ abi: resolverAbi, functionName: 'addr', result: match[1] as Hex });
    return encodeAbiParameters(
      [{ type: 'bytes' }, { type: 'address' }],
      [result, '0x1111111111111111111111111111111111111111'],
    );
  }
  throw new Error('execution reverted');
}

function answer(evm: EvmState, chainId: number, req: RpcRequest, lagBy: number) {
  const chain = evm.chains.get(chainId);
  if (!chain) return fail(req.id, 'unknown chain');
  const params = Array.isArray(req.params) ? (req.params as unknown[]) : [];
  switch (req.method) {
    case 'eth_chainId':
      return ok(req.id, toHex(chainId));
    case 'eth_blockNumber':
      return ok(req.id, toHex(chain.blockNumber - lagBy));
    case 'eth_getBalance':
      return ok(req.id, toHex(chain.native.get(String(params[0]).toLowerCase()) ?? 0n));
    case 'eth_call': {
      const tx = params[0] as { to?: string; data?: Hex; input?: Hex };
      try {
        return ok(req.id, call(evm, chain, chainId, String(tx.to).toLowerCase(), (tx.data ?? tx.input)!));
      } catch (e) {
        const data = e instanceof Revert ? e.data : '0x';
        return { jsonrpc: '2.0', id: req.id, error: { code: 3, message: (e as Error).message, data } };
      }
    }
    default:
      return fail(req.id, `method ${String(req.method)} not supported`);
  }
}

/** The answer to a JSON-RPC body (one request or a batch) and the methods it asked, for the request log. */
export function evmAnswer(
  evm: EvmState,
  chainId: number,
  body: string,
  lagBy: number,
): { body: unknown; what: string } {
  const json = JSON.parse(body) as RpcRequest | RpcRequest[];
  const list = Array.isArray(json) ? json : [json];
  const answers = list.map((r) => answer(evm, chainId, r, lagBy));
  return {
    body: Array.isArray(json) ? answers : answers[0],
    what: `${Array.isArray(json) ? 'batch ' : ''}${list.map((r) => String(r.method)).join(',')}`,
  };
}
