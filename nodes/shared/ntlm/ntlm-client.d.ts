/** The three message functions of @ewsjs/ntlm-client (the package ships no types). */
declare module '@ewsjs/ntlm-client' {
	export interface Type2Message {
		flags: number;
		encoding: 'ascii' | 'ucs2';
		/** 2 when the server negotiated extended session security (NTLMv2 responses are sent) */
		version: 1 | 2;
		challenge: Buffer;
		targetName: string;
		targetInfo?: { parsed: Record<string, string>; buffer: Buffer };
	}
	/** 'NTLM <base64>' */
	export function createType1Message(workstation?: string, target?: string): string;
	export function decodeType2Message(message: string): Type2Message;
	/** 'NTLM <base64>' */
	export function createType3Message(type2: Type2Message, username: string, password: string, workstation?: string, target?: string): string;
}
