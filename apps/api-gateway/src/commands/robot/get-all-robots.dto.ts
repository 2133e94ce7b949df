/** `openim_robot_http_svc/get_all_robots` (docs/rest-api.md §9.8): an empty object. */
export class GetAllRobotsDto {}
