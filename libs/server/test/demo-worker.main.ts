// Entry point of a worker process for the graceful-shutdown test (run with @swc-node/register).
import 'reflect-metadata';
import { runService } from '../src';
import { DemoWorkModule } from './demo-work';

void runService({ name: 'demo-worker', domains: [DemoWorkModule] });
