import { Injectable } from '@nestjs/common';
import { LifecycleService } from '@chainloom/core';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { CertificateQueryService } from '../certificate-query.service';
import type { CertificateView } from '../certificates.schemas';

/** The public verify page for a hash: it answers existence and anchors, never metadata or tenant. */
export const verifyPageUrl = (publicUrl: string, contentHash: string) => `${publicUrl}/verify?contentHash=${contentHash}`;

/**
 * A printable one-page certificate (pdfkit, with its built-in Helvetica: no font files to ship)
 * and a QR code (qrcode) that opens the public verify page for the certificate's hash. The PDF
 * is a convenience for people; the receipt JSON is what proves anything.
 */
@Injectable()
export class CertificatePdfService {
  constructor(
    private readonly queries: CertificateQueryService,
    private readonly lifecycle: LifecycleService,
  ) {}

  async render(tenantId: string, id: string): Promise<Buffer> {
    const certificate = await this.queries.get(tenantId, id);
    const url = verifyPageUrl(this.lifecycle.publicUrl, certificate.contentHash);
    const qr = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 220 });
    return renderPdf(certificate, url, qr);
  }
}

function renderPdf(c: CertificateView, url: string, qr: Buffer): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Certificate ${c.id}`, Creator: 'Chainloom' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(24).text('Certificate of existence', { align: 'center' });
  doc.moveDown(0.3).font('Helvetica').fontSize(11).fillColor('#555').text('Chainloom certificate storage', { align: 'center' });
  doc.moveDown(1.5).fillColor('#000');

  const field = (label: string, value: string) => {
    doc.font('Helvetica-Bold').fontSize(10).text(label);
    doc.font('Courier').fontSize(9).text(value, { lineBreak: true });
    doc.moveDown(0.6);
  };
  field('Certificate', c.id);
  field(`Content hash (${c.hashAlgorithm})`, c.contentHash);
  field('Metadata digest', c.metadataDigest);
  if (c.salt) field('Salt', c.salt);
  if (c.externalId) field('Your reference', c.externalId);
  field('Recorded at', c.createdAt);
  field('Status', c.status);
  if (c.root) field('Merkle root', c.root);
  for (const a of c.anchors) {
    field(
      `Anchor on chain ${a.chainId ?? '?'} (${a.status})`,
      [a.txHash && `tx ${a.txHash}`, a.blockNumber !== null && `block ${a.blockNumber}`, a.blockTime && `at ${a.blockTime}`].filter(Boolean).join('\n') ||
        'not yet anchored',
    );
  }

  const y = Math.max(doc.y + 10, 560);
  doc.image(qr, doc.page.width / 2 - 80, y, { width: 160 });
  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor('#555')
    .text('Scan to check this hash on the public verify page, or verify the receipt offline:', 56, y + 170, { align: 'center' })
    .text(`chainloom verify receipt.json --rpc <node URL>    ·    ${url}`, { align: 'center' });
  doc.end();
  return done;
}
