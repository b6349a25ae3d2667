// Hand-written types for the `smpp` package 0.5.x (CommonJS, ships no types), covering what Saxla
// uses. Read from node_modules/smpp/lib/{smpp,pdu,defs}.js. Only the default export is a value:
// most of the package's exports (the ESME_* statuses, the constants) are copied onto module.exports
// in loops, which Node cannot see as named ESM exports, so `import smpp from 'smpp'` is the one
// import that works at run time; the named exports below are types only.
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { AddressInfo, Socket } from 'node:net';

  export type CommandName =
    | 'alert_notification'
    | 'bind_receiver'
    | 'bind_receiver_resp'
    | 'bind_transmitter'
    | 'bind_transmitter_resp'
    | 'bind_transceiver'
    | 'bind_transceiver_resp'
    | 'broadcast_sm'
    | 'broadcast_sm_resp'
    | 'cancel_broadcast_sm'
    | 'cancel_broadcast_sm_resp'
    | 'cancel_sm'
    | 'cancel_sm_resp'
    | 'data_sm'
    | 'data_sm_resp'
    | 'deliver_sm'
    | 'deliver_sm_resp'
    | 'enquire_link'
    | 'enquire_link_resp'
    | 'generic_nack'
    | 'outbind'
    | 'query_broadcast_sm'
    | 'query_broadcast_sm_resp'
    | 'query_sm'
    | 'query_sm_resp'
    | 'replace_sm'
    | 'replace_sm_resp'
    | 'submit_multi'
    | 'submit_multi_resp'
    | 'submit_sm'
    | 'submit_sm_resp'
    | 'unbind'
    | 'unbind_resp'
    | 'unknown';

  /**
   * short_message as the package hands it over on receipt: decoded in place by data_coding (0 with
   * its own GSM table, 8 as UTF-16BE; other codings stay a Buffer) with any UDH split off.
   */
  export interface DecodedShortMessage {
    /** The UDH's information elements, each as [id, length, ...data]. */
    readonly udh?: Buffer[];
    readonly message: string | Buffer;
  }

  /**
   * What a PDU may be built from. A Buffer short_message is sent as is; a string is encoded by the
   * package's own rules (data_coding null → it guesses, and labels GSM bytes 0x01), so Saxla always
   * passes a Buffer and an explicit data_coding.
   */
  export interface PduOptions {
    command_status?: number;
    sequence_number?: number;
    // bind_*
    system_id?: string;
    password?: string;
    system_type?: string;
    interface_version?: number;
    addr_ton?: number;
    addr_npi?: number;
    address_range?: string;
    // submit_sm / deliver_sm
    service_type?: string;
    source_addr_ton?: number;
    source_addr_npi?: number;
    source_addr?: string;
    dest_addr_ton?: number;
    dest_addr_npi?: number;
    destination_addr?: string;
    esm_class?: number;
    protocol_id?: number;
    priority_flag?: number;
    schedule_delivery_time?: string;
    validity_period?: string;
    registered_delivery?: number;
    replace_if_present_flag?: number;
    data_coding?: number | null;
    sm_default_msg_id?: number;
    short_message?: Buffer | string | { message: string; udh?: Buffer };
    // *_resp
    message_id?: string;
    // TLVs seen in receipts
    receipted_message_id?: string;
    message_state?: number;
    network_error_code?: Buffer;
  }

  /** A PDU as received (fields decoded) or about to be sent. */
  export interface Pdu {
    command: CommandName;
    command_id: number;
    command_length: number;
    command_status: number;
    sequence_number: number;
    system_id?: string;
    password?: string;
    system_type?: string;
    interface_version?: number;
    service_type?: string;
    source_addr_ton?: number;
    source_addr_npi?: number;
    source_addr?: string;
    dest_addr_ton?: number;
    dest_addr_npi?: number;
    destination_addr?: string;
    esm_class?: number;
    protocol_id?: number;
    registered_delivery?: number;
    data_coding?: number | null;
    short_message?: DecodedShortMessage;
    message_id?: string;
    receipted_message_id?: string;
    message_state?: number;
    network_error_code?: Buffer;
    isResponse(): boolean;
    /** The matching *_resp (generic_nack for an unknown command), with the same sequence number. */
    response(options?: PduOptions): Pdu;
    /** Encodes the PDU; mutates it (command_length, short_message through the encode filter). */
    toBuffer(): Buffer;
  }

  export interface PduConstructor {
    new (command: CommandName, options?: PduOptions): Pdu;
    /** false when the buffer holds less than one whole PDU. */
    fromBuffer(buffer: Buffer): Pdu | false;
    maxLength: number;
  }

  export type ResponseCallback = (pdu: Pdu) => void;
  /**
   * Builds a PDU of that command and sends it. False (and no callback, ever) when the socket is
   * no longer writable.
   */
  export type CommandShortcut = (options?: PduOptions, responseCallback?: ResponseCallback, sendCallback?: ResponseCallback) => boolean;

  export interface SessionOptions {
    socket?: Socket;
    host?: string;
    port?: number;
    tls?: boolean;
    /** When set, the session sends enquire_link at this period (ms) on its own. */
    auto_enquire_link_period?: number;
  }

  export interface Session extends EventEmitter {
    readonly socket: Socket;
    readonly options: SessionOptions;
    sequence: number;
    paused: boolean;
    /** Set on sessions a Server created. */
    server?: Server;
    /** Reconnects the same socket object (resets sequence and pending callbacks). */
    connect(): void;
    /** Sends a PDU; numbers requests that have no sequence_number yet. False if not writable. */
    send(pdu: Pdu, responseCallback?: ResponseCallback, sendCallback?: ResponseCallback): boolean;
    /** Stops reading PDUs off the socket until resume(). */
    pause(): void;
    resume(): void;
    /** Ends the socket gracefully. */
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    alert_notification: CommandShortcut;
    bind_receiver: CommandShortcut;
    bind_receiver_resp: CommandShortcut;
    bind_transmitter: CommandShortcut;
    bind_transmitter_resp: CommandShortcut;
    bind_transceiver: CommandShortcut;
    bind_transceiver_resp: CommandShortcut;
    broadcast_sm: CommandShortcut;
    broadcast_sm_resp: CommandShortcut;
    cancel_broadcast_sm: CommandShortcut;
    cancel_broadcast_sm_resp: CommandShortcut;
    cancel_sm: CommandShortcut;
    cancel_sm_resp: CommandShortcut;
    data_sm: CommandShortcut;
    data_sm_resp: CommandShortcut;
    deliver_sm: CommandShortcut;
    deliver_sm_resp: CommandShortcut;
    enquire_link: CommandShortcut;
    enquire_link_resp: CommandShortcut;
    generic_nack: CommandShortcut;
    outbind: CommandShortcut;
    query_broadcast_sm: CommandShortcut;
    query_broadcast_sm_resp: CommandShortcut;
    query_sm: CommandShortcut;
    query_sm_resp: CommandShortcut;
    replace_sm: CommandShortcut;
    replace_sm_resp: CommandShortcut;
    submit_multi: CommandShortcut;
    submit_multi_resp: CommandShortcut;
    submit_sm: CommandShortcut;
    submit_sm_resp: CommandShortcut;
    unbind: CommandShortcut;
    unbind_resp: CommandShortcut;
    on(event: 'connect' | 'secureConnect' | 'close', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    on(event: 'pdu' | 'send' | CommandName, listener: (pdu: Pdu) => void): this;
    once(event: 'connect' | 'secureConnect' | 'close', listener: () => void): this;
    once(event: 'error', listener: (error: Error) => void): this;
    once(event: 'pdu' | 'send' | CommandName, listener: (pdu: Pdu) => void): this;
  }

  export interface ServerOptions {
    key?: string | Buffer;
    cert?: string | Buffer;
  }

  /** A net.Server (tls.Server with key and cert) that wraps each connection in a Session. */
  export interface Server extends EventEmitter {
    readonly sessions: Session[];
    listen(port?: number, host?: string, callback?: () => void): this;
    address(): AddressInfo | string | null;
    close(callback?: (error?: Error) => void): this;
    on(event: 'session', listener: (session: Session) => void): this;
    on(event: 'listening' | 'close', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
  }

  export interface TextEncoding {
    match(value: string): boolean;
    encode(value: string): Buffer;
    decode(value: Buffer): string;
  }

  export interface EsmeStatuses {
    readonly ESME_ROK: 0x0000;
    readonly ESME_RINVMSGLEN: 0x0001;
    readonly ESME_RINVCMDLEN: 0x0002;
    readonly ESME_RINVCMDID: 0x0003;
    readonly ESME_RINVBNDSTS: 0x0004;
    readonly ESME_RALYBND: 0x0005;
    readonly ESME_RINVPRTFLG: 0x0006;
    readonly ESME_RINVREGDLVFLG: 0x0007;
    readonly ESME_RSYSERR: 0x0008;
    readonly ESME_RINVSRCADR: 0x000A;
    readonly ESME_RINVDSTADR: 0x000B;
    readonly ESME_RINVMSGID: 0x000C;
    readonly ESME_RBINDFAIL: 0x000D;
    readonly ESME_RINVPASWD: 0x000E;
    readonly ESME_RINVSYSID: 0x000F;
    readonly ESME_RCANCELFAIL: 0x0011;
    readonly ESME_RREPLACEFAIL: 0x0013;
    readonly ESME_RMSGQFUL: 0x0014;
    readonly ESME_RINVSERTYP: 0x0015;
    readonly ESME_RINVNUMDESTS: 0x0033;
    readonly ESME_RINVDLNAME: 0x0034;
    readonly ESME_RINVDESTFLAG: 0x0040;
    readonly ESME_RINVSUBREP: 0x0042;
    readonly ESME_RINVESMCLASS: 0x0043;
    readonly ESME_RCNTSUBDL: 0x0044;
    readonly ESME_RSUBMITFAIL: 0x0045;
    readonly ESME_RINVSRCTON: 0x0048;
    readonly ESME_RINVSRCNPI: 0x0049;
    readonly ESME_RINVDSTTON: 0x0050;
    readonly ESME_RINVDSTNPI: 0x0051;
    readonly ESME_RINVSYSTYP: 0x0053;
    readonly ESME_RINVREPFLAG: 0x0054;
    readonly ESME_RINVNUMMSGS: 0x0055;
    readonly ESME_RTHROTTLED: 0x0058;
    readonly ESME_RINVSCHED: 0x0061;
    readonly ESME_RINVEXPIRY: 0x0062;
    readonly ESME_RINVDFTMSGID: 0x0063;
    readonly ESME_RX_T_APPN: 0x0064;
    readonly ESME_RX_P_APPN: 0x0065;
    readonly ESME_RX_R_APPN: 0x0066;
    readonly ESME_RQUERYFAIL: 0x0067;
    readonly ESME_RINVTLVSTREAM: 0x00C0;
    readonly ESME_RTLVNOTALLWD: 0x00C1;
    readonly ESME_RINVTLVLEN: 0x00C2;
    readonly ESME_RMISSINGTLV: 0x00C3;
    readonly ESME_RINVTLVVAL: 0x00C4;
    readonly ESME_RDELIVERYFAILURE: 0x00FE;
    readonly ESME_RUNKNOWNERR: 0x00FF;
    readonly ESME_RSERTYPUNAUTH: 0x0100;
    readonly ESME_RPROHIBITED: 0x0101;
    readonly ESME_RSERTYPUNAVAIL: 0x0102;
    readonly ESME_RSERTYPDENIED: 0x0103;
    readonly ESME_RINVDCS: 0x0104;
    readonly ESME_RINVSRCADDRSUBUNIT: 0x0105;
    readonly ESME_RINVDSTADDRSUBUNIT: 0x0106;
    readonly ESME_RINVBCASTFREQINT: 0x0107;
    readonly ESME_RINVBCASTALIAS_NAME: 0x0108;
    readonly ESME_RINVBCASTAREAFMT: 0x0109;
    readonly ESME_RINVNUMBCAST_AREAS: 0x010A;
    readonly ESME_RINVBCASTCNTTYPE: 0x010B;
    readonly ESME_RINVBCASTMSGCLASS: 0x010C;
    readonly ESME_RBCASTFAIL: 0x010D;
    readonly ESME_RBCASTQUERYFAIL: 0x010E;
    readonly ESME_RBCASTCANCELFAIL: 0x010F;
    readonly ESME_RINVBCAST_REP: 0x0110;
    readonly ESME_RINVBCASTSRVGRP: 0x0111;
    readonly ESME_RINVBCASTCHANIND: 0x0112;
  }

  export interface SmppModule extends EsmeStatuses {
    /** smpp://host:port (the URL's credentials are ignored: bind with them yourself). */
    connect(url: string | SessionOptions & { url?: string }, listener?: () => void): Session;
    createSession(url: string | SessionOptions & { url?: string }, listener?: () => void): Session;
    createServer(options?: ServerOptions, listener?: (session: Session) => void): Server;
    createServer(listener: (session: Session) => void): Server;
    readonly Session: new (options: SessionOptions) => Session;
    readonly PDU: PduConstructor;
    readonly errors: Readonly<EsmeStatuses>;
    readonly encodings: { readonly ASCII: TextEncoding; readonly LATIN1: TextEncoding; readonly UCS2: TextEncoding; default: string };
    readonly consts: {
      readonly ESM_CLASS: Readonly<Record<string, number>>;
      readonly REGISTERED_DELIVERY: Readonly<Record<string, number>>;
      readonly MESSAGE_STATE: Readonly<Record<string, number>>;
      readonly TON: Readonly<Record<string, number>>;
      readonly NPI: Readonly<Record<string, number>>;
      readonly ENCODING: Readonly<Record<string, number>>;
    };
  }

  const smpp: SmppModule;
  export default smpp;
}
