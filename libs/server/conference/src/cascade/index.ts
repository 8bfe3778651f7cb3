export { CascadeGateway } from './cascade.gateway';
export { CascadeUplinks } from './cascade-uplinks';
export { signLinkToken, verifyLinkToken } from './link-token';
