/** The requests' shapes, declared once for client and server (shared/protocol.ts). */
export * from '../../shared/protocol';
