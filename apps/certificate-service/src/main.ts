import 'reflect-metadata';
import { CertificatesModule } from '@chainloom/certificates';
import { ChainAccessModule } from '@chainloom/provisioning';
import { runService } from '@chainloom/server';

/** Certificates, with the chain-service's public access module (networks, signers, sending). */
void runService({ name: 'certificate-service', domains: [CertificatesModule, ChainAccessModule] });
