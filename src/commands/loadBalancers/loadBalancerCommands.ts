// The load balancer workflows, one file each: create (either type), register / deregister, delete.
export { createLoadBalancerCommand, type CreateLoadBalancerArgs } from './createLoadBalancer';
export { registrationCommand, type RegistrationArgs } from './registration';
export { deleteLoadBalancerCommand, type DeleteLoadBalancerArgs } from './deleteLoadBalancer';
