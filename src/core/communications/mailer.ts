import nodemailer from "nodemailer";

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Deterministic per message (`<message id@lectern>`): a re-send after a crash is the same message. */
  messageId: string;
  ics: { method: string; content: string } | null;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** An SMTP server's answer that retrying cannot change (5xx to the recipient or the content). */
export class PermanentSendError extends Error {}

export function createSmtpMailer(smtpUrl: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as never);
  return {
    async send(mail) {
      try {
        await transport.sendMail({
          from: mail.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          // text/calendar alternative plus an invite.ics attachment, as calendar clients expect.
          ...(mail.ics && {
            icalEvent: { method: mail.ics.method, content: mail.ics.content, filename: "invite.ics" },
          }),
        });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500 && code < 600) {
          throw new PermanentSendError((error as Error).message);
        }
        throw error;
      }
    },
    close: () => transport.close(),
  };
}
